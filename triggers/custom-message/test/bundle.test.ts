import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { customMessageEvent } from '@cognito-triggers/events/testing';
import { describe, expect, it } from 'vitest';
import { composeMessages, customMessageConfig } from '../src/index.js';

// The deployable artefact, as `pnpm build` left it (turbo runs the build before these tests).
const dist = resolve(import.meta.dirname, '..', 'dist');
const run = promisify(execFile);

const readJson = async (name: string) => JSON.parse(await readFile(join(dist, name), 'utf8'));

describe('the custom-message bundle', () => {
  it('stays within 25 KB and holds no AWS SDK', async () => {
    const manifest = await readJson('manifest.json');
    const meta = await readJson('meta.json');
    const bundle = await readFile(join(dist, 'index.mjs'));
    expect(manifest).toMatchObject({
      functionName: 'CustomMessage',
      handler: 'index.handler',
      awsSdk: false,
    });
    expect(bundle.length).toBe(manifest.bundleBytes);
    expect(bundle.length).toBeLessThanOrEqual(25 * 1024);
    const inputs = Object.keys(meta.inputs as Record<string, unknown>);
    expect(inputs.some((input) => input.includes('src/handler.ts'))).toBe(true);
    expect(inputs.filter((input) => input.includes('src/locales/'))).toHaveLength(5);
    expect(inputs.filter((input) => /@aws-sdk|@smithy|aws-sdk/.test(input))).toEqual([]);
  });

  it('composes in a fresh Node process exactly as the source does', async () => {
    const environment = {
      APP_NAME: 'Acme',
      DEFAULT_LOCALE: 'de',
      VERIFY_LINK_URL: 'https://app.example.com/v?c={code}&e={email}',
    };
    const script = `
      const { handler } = await import(${JSON.stringify(join(dist, 'index.mjs'))});
      const result = await handler(JSON.parse(process.argv[1]));
      console.log(JSON.stringify(result.response));
    `;
    const event = customMessageEvent('CustomMessage_SignUp', {
      codeParameter: '{%%%%}',
      userAttributes: { locale: 'pt-BR', name: '<b>Ana</b>' },
    });
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', script, JSON.stringify(event)],
      { env: { PATH: process.env.PATH, ...environment } },
    );
    const response = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    const expected = composeMessages(customMessageConfig.load(environment), event);
    expect(expected.composed && expected.response).toEqual(response);
    expect(response.smsMessage).toBe('Acme: seu código de verificação é {%%%%}');
  });
});
