import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCognitoLocal } from '../src/cognito-local.js';
import { CognitoLocalError } from '../src/errors.js';

type Table = Record<string, Record<string, string>>;
interface Internals {
  readonly INTERNALS: Table;
  readonly WRITTEN_FOR: string;
  assertInternals(options?: {
    version?: string;
    load?: (module: string) => unknown;
    table?: Table;
  }): void;
  internalsProblems(options: { load: (module: string) => unknown; table: Table }): string[];
}

const HOOKS = join(import.meta.dirname, '../src/emulator-hooks');
const internals = createRequire(import.meta.url)(join(HOOKS, 'internals.cjs')) as Internals;

/** A cognito-local as a table of modules; a module absent from it cannot be loaded. */
function fakeCognitoLocal(modules: Record<string, unknown>) {
  return (module: string) => {
    if (!(module in modules)) {
      throw Object.assign(new Error(`Cannot find module '${module}'`), {
        code: 'MODULE_NOT_FOUND',
      });
    }
    return modules[module];
  };
}

class LambdaService {
  enabled() {}
  invoke() {}
}

const TABLE: Table = {
  'cognito-local/lib/services/lambda': {
    'LambdaService.prototype.enabled': 'function',
    'LambdaService.prototype.invoke': 'function',
  },
  'cognito-local/lib/targets/targets': {
    Targets: 'object',
    'Targets.SignUp': 'function',
  },
};

describe('the start-time check of the emulator hooks', () => {
  it('passes the cognito-local it was written for, with everything the hooks use', () => {
    const load = fakeCognitoLocal({
      'cognito-local/lib/services/lambda': { LambdaService },
      'cognito-local/lib/targets/targets': { Targets: { SignUp: () => {} } },
    });

    expect(() => internals.assertInternals({ version: '5.3.0', load, table: TABLE })).not.toThrow();
  });

  it('names every missing module, export and method, and the version found', () => {
    class ChangedLambdaService {
      enabled() {}
    }
    const load = fakeCognitoLocal({
      'cognito-local/lib/services/lambda': { LambdaService: ChangedLambdaService },
    });

    expect(() => internals.assertInternals({ version: '5.4.0', load, table: TABLE })).toThrow(
      'emulator-hooks: written for cognito-local 5.3.0, found 5.4.0: cognito-local/lib/services/lambda.LambdaService.prototype.invoke is missing (expected a function); cognito-local/lib/targets/targets is missing (MODULE_NOT_FOUND)',
    );
  });

  it('names an export of the wrong kind', () => {
    const load = fakeCognitoLocal({
      'cognito-local/lib/services/lambda': { LambdaService },
      'cognito-local/lib/targets/targets': { Targets: { SignUp: 'SignUp' } },
    });

    expect(internals.internalsProblems({ load, table: TABLE })).toEqual([
      'cognito-local/lib/targets/targets.Targets.SignUp is a string (expected a function)',
    ]);
  });

  it('refuses another version even when nothing is missing', () => {
    const load = fakeCognitoLocal({
      'cognito-local/lib/services/lambda': { LambdaService },
      'cognito-local/lib/targets/targets': { Targets: { SignUp: () => {} } },
    });

    expect(() => internals.assertInternals({ version: '5.3.1', load, table: TABLE })).toThrow(
      /^emulator-hooks: written for cognito-local 5\.3\.0, found 5\.3\.1: its internals may differ: pin cognito-local 5\.3\.0/,
    );
  });

  it('passes the installed cognito-local, the one package.json pins', async () => {
    const manifest = JSON.parse(
      await readFile(join(import.meta.dirname, '../package.json'), 'utf8'),
    ) as { dependencies: Record<string, string> };

    expect(manifest.dependencies['cognito-local']).toBe(internals.WRITTEN_FOR);
    expect(() => internals.assertInternals()).not.toThrow();
  });

  it('lists every module and name the hooks take from cognito-local', async () => {
    const files = (await readdir(HOOKS)).filter(
      (file) => file.endsWith('.cjs') && file !== 'internals.cjs',
    );
    const taken: string[] = [];
    const modules = new Set<string>();
    for (const file of files) {
      const source = await readFile(join(HOOKS, file), 'utf8');
      for (const [, module] of source.matchAll(/require\('(cognito-local\/[^']+)'\)/g)) {
        if (module !== 'cognito-local/package.json') modules.add(module ?? '');
      }
      for (const [, names, module] of source.matchAll(
        /const\s*\{([^}]*)\}\s*=\s*require\('(cognito-local\/[^']+)'\)/g,
      )) {
        for (const name of (names ?? '').split(',')) {
          const local = name.split(':')[0]?.trim();
          if (local) taken.push(`${module} ${local}`);
        }
      }
    }

    const listed = (entry: string) => {
      const [module = '', name = ''] = entry.split(' ');
      return Object.keys(internals.INTERNALS[module] ?? {}).some(
        (path) => path === name || path.startsWith(`${name}.`),
      );
    };
    expect({
      modules: [...modules].filter((module) => !(module in internals.INTERNALS)),
      names: taken.filter((entry) => !listed(entry)),
    }).toEqual({ modules: [], names: [] });
    expect(taken.length).toBeGreaterThan(20);
  });
});

// Loaded before the preload (NODE_OPTIONS preloads come first): the emulator's process sees
// another cognito-local version, as after an upgrade that ignored the pin.
const ANOTHER_VERSION = `
const Module = require('node:module');
const load = Module._load;
Module._load = function loadAnotherVersion(request, ...rest) {
  const loaded = load.call(this, request, ...rest);
  return request === 'cognito-local/package.json' ? { ...loaded, version: '9.9.9' } : loaded;
};`;

describe('an emulator the hooks were not written for', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('does not start, and the stack says why in one line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cognito-local-version-'));
    try {
      await writeFile(join(dir, 'another-version.cjs'), ANOTHER_VERSION);
      vi.stubEnv(
        'NODE_OPTIONS',
        `${process.env.NODE_OPTIONS ?? ''} --require ${join(dir, 'another-version.cjs')}`.trim(),
      );

      const error = await startCognitoLocal().then(
        () => undefined,
        (caught: unknown) => caught,
      );

      expect(error).toBeInstanceOf(CognitoLocalError);
      expect((error as Error).message).toBe(
        'cognito-local did not start: emulator-hooks: written for cognito-local 5.3.0, found 9.9.9: its internals may differ: pin cognito-local 5.3.0 (packages/local/package.json)',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
