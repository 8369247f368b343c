import { describe, expect, it } from 'vitest';
import { ConfigError, defineConfig, env } from '../src/index.js';

const config = defineConfig({
  appName: env.string('APP_NAME'),
  locale: env.string('DEFAULT_LOCALE', { default: 'en' }),
  verbose: env.boolean('VERBOSE', { default: false }),
  ttl: env.integer('CACHE_TTL_SECONDS', { default: 60, min: 0, max: 3600 }),
  policy: env.oneOf('FAILURE_POLICY', ['fail-closed', 'degrade'], { default: 'fail-closed' }),
  domains: env.list('DOMAINS', {
    default: [],
    item: (entry) => {
      if (!entry.includes('.')) throw new Error('has no dot');
      return entry.toLowerCase();
    },
  }),
  mapping: env.json(
    'MAPPING',
    (value) => {
      if (typeof value !== 'object' || value === null) throw new Error('must be an object');
      return value as Record<string, string>;
    },
    { default: {} },
  ),
});

const load = (environment: Record<string, string>) => config.load(environment);

describe('defineConfig', () => {
  it('lists the variables it reads, for the Terraform contract', () => {
    expect(config.variables).toEqual([
      'APP_NAME',
      'DEFAULT_LOCALE',
      'VERBOSE',
      'CACHE_TTL_SECONDS',
      'FAILURE_POLICY',
      'DOMAINS',
      'MAPPING',
    ]);
  });

  it('reads typed values and applies defaults', () => {
    expect(load({ APP_NAME: ' Acme ', VERBOSE: 'TRUE', DOMAINS: 'A.com, ,b.org' })).toEqual({
      appName: 'Acme',
      locale: 'en',
      verbose: true,
      ttl: 60,
      policy: 'fail-closed',
      domains: ['a.com', 'b.org'],
      mapping: {},
    });
  });

  it('returns a deeply frozen object', () => {
    const loaded = load({ APP_NAME: 'Acme', DOMAINS: 'a.com', MAPPING: '{"a":"b"}' });
    expect(Object.isFrozen(loaded)).toBe(true);
    expect(Object.isFrozen(loaded.domains)).toBe(true);
    expect(Object.isFrozen(loaded.mapping)).toBe(true);
  });

  it.each([
    [{}, 'APP_NAME: is required but not set'],
    [{ APP_NAME: '   ' }, 'APP_NAME: is required but not set'],
    [{ APP_NAME: 'a', VERBOSE: 'maybe' }, 'VERBOSE: expected true or false, got "maybe"'],
    [
      { APP_NAME: 'a', CACHE_TTL_SECONDS: '1.5' },
      'CACHE_TTL_SECONDS: expected a whole number, got "1.5"',
    ],
    [
      { APP_NAME: 'a', CACHE_TTL_SECONDS: '7200' },
      'CACHE_TTL_SECONDS: must be at most 3600, got 7200',
    ],
    [
      { APP_NAME: 'a', FAILURE_POLICY: 'open' },
      'FAILURE_POLICY: expected one of fail-closed, degrade, got "open"',
    ],
    [{ APP_NAME: 'a', DOMAINS: 'a.com,nodot' }, 'DOMAINS: entry "nodot": has no dot'],
    [{ APP_NAME: 'a', DOMAINS: ' , ' }, 'DOMAINS: is an empty list'],
    [{ APP_NAME: 'a', MAPPING: '{' }, /^MAPPING: is not valid JSON: /],
    [{ APP_NAME: 'a', MAPPING: '3' }, 'MAPPING: must be an object'],
  ])('fails naming the variable for %j', (environment, message) => {
    const attempt = () => load(environment as Record<string, string>);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });

  it('exposes the variable on the error', () => {
    try {
      load({ APP_NAME: 'a', FAILURE_POLICY: 'x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe('FAILURE_POLICY');
    }
  });
});

describe('env.custom', () => {
  const custom = defineConfig({
    claim: env.custom(
      'CLAIM_NAME',
      (raw) => {
        if (raw.startsWith('cognito:')) throw new Error(`"${raw}" is reserved`);
        return raw;
      },
      { default: 'tenant_id' },
    ),
  });

  it('parses the value, or takes the default', () => {
    expect(custom.load({ CLAIM_NAME: 'org' }).claim).toBe('org');
    expect(custom.load({}).claim).toBe('tenant_id');
  });

  it('reports a bad value with the variable name', () => {
    expect(() => custom.load({ CLAIM_NAME: 'cognito:groups' })).toThrow(
      new ConfigError('CLAIM_NAME', '"cognito:groups" is reserved'),
    );
  });
});
