import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleError, readTriggerConfig } from '../src/index.js';
import { createFixture, LAZY_CONFIG, removeFixtures, VALID_CONFIG } from './fixture.js';

afterEach(removeFixtures);

describe('readTriggerConfig', () => {
  it('reads a valid cognitoTrigger field', async () => {
    const { dir } = await createFixture();

    await expect(readTriggerConfig(dir)).resolves.toEqual(VALID_CONFIG);
  });

  it('reads a lazy trigger with its entry budget', async () => {
    const { dir } = await createFixture({
      packageJson: { name: 'x', cognitoTrigger: LAZY_CONFIG },
    });

    await expect(readTriggerConfig(dir)).resolves.toEqual(LAZY_CONFIG);
  });

  it('names package.json and the field when cognitoTrigger is missing', async () => {
    const { dir } = await createFixture({ packageJson: { name: 'x' } });

    const read = readTriggerConfig(dir);

    await expect(read).rejects.toThrow(BundleError);
    await expect(read).rejects.toThrow(
      `${join(dir, 'package.json')}: missing "cognitoTrigger" field`,
    );
  });

  it.each([
    ['functionName', { functionName: '' }],
    ['functionName', { functionName: 'has spaces' }],
    ['maxBundleBytes', { maxBundleBytes: '25k' }],
    ['maxBundleBytes', { maxBundleBytes: 0 }],
    ['maxBundleBytes', { maxBundleBytes: 1.5 }],
    ['awsSdk', { awsSdk: 'no' }],
    ['awsSdk', { awsSdk: 'Lazy' }],
    ['maxEntryBytes', { awsSdk: 'lazy' }],
    ['maxEntryBytes', { awsSdk: 'lazy', maxEntryBytes: 0 }],
    ['maxEntryBytes', { awsSdk: 'lazy', maxEntryBytes: '25k' }],
    ['maxEntryBytes', { awsSdk: 'lazy', maxEntryBytes: 25_601 }],
  ])('names cognitoTrigger.%s when it is %j', async (key, override) => {
    const { dir } = await createFixture({
      packageJson: { name: 'x', cognitoTrigger: { ...VALID_CONFIG, ...override } },
    });

    await expect(readTriggerConfig(dir)).rejects.toThrow(
      `${join(dir, 'package.json')}: "cognitoTrigger.${key}" must be`,
    );
  });

  it('names a missing key inside cognitoTrigger', async () => {
    const { awsSdk: _, ...withoutAwsSdk } = VALID_CONFIG;
    const { dir } = await createFixture({
      packageJson: { name: 'x', cognitoTrigger: withoutAwsSdk },
    });

    await expect(readTriggerConfig(dir)).rejects.toThrow(
      '"cognitoTrigger.awsSdk" must be true, false or "lazy", got nothing',
    );
  });

  it('requires maxEntryBytes with awsSdk "lazy", naming package.json', async () => {
    const { maxEntryBytes: _, ...withoutEntryBudget } = LAZY_CONFIG;
    const { dir } = await createFixture({
      packageJson: { name: 'x', cognitoTrigger: withoutEntryBudget },
    });

    await expect(readTriggerConfig(dir)).rejects.toThrow(
      `${join(dir, 'package.json')}: "cognitoTrigger.maxEntryBytes" must be a positive whole number of bytes when "awsSdk" is "lazy", got nothing`,
    );
  });

  it.each([true, false])(
    'rejects maxEntryBytes with awsSdk %s, where it would be ignored',
    async (awsSdk) => {
      const { dir } = await createFixture({
        packageJson: { name: 'x', cognitoTrigger: { ...VALID_CONFIG, awsSdk, maxEntryBytes: 1 } },
      });

      await expect(readTriggerConfig(dir)).rejects.toThrow(
        `${join(dir, 'package.json')}: "cognitoTrigger.maxEntryBytes" only applies with "awsSdk": "lazy"`,
      );
    },
  );

  it('rejects a misspelt key instead of ignoring it', async () => {
    const { dir } = await createFixture({
      packageJson: { name: 'x', cognitoTrigger: { ...VALID_CONFIG, maxBundelBytes: 1 } },
    });

    await expect(readTriggerConfig(dir)).rejects.toThrow(
      'unknown key(s) in "cognitoTrigger": maxBundelBytes',
    );
  });

  it('rejects a cognitoTrigger that is not an object', async () => {
    const { dir } = await createFixture({ packageJson: { name: 'x', cognitoTrigger: true } });

    await expect(readTriggerConfig(dir)).rejects.toThrow('"cognitoTrigger" must be an object');
  });

  it('names the folder when there is no package.json', async () => {
    const { root } = await createFixture();

    await expect(readTriggerConfig(join(root, 'nowhere'))).rejects.toThrow(
      `${join(root, 'nowhere', 'package.json')}: not found`,
    );
  });
});
