import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSplit } from '../src/testing/index.js';

// A trigger with a lazy store module, and the packages it uses installed beside it.
const TRIGGER = {
  'src/handler.ts': `import { DeepError } from 'deep-lib';
import { EventEmitter } from 'node:events';
import { SharedError } from 'shared-lib/errors';
import type { Options } from './options.js';
import { Settings } from './settings.js';

// A comment is no code: error instanceof SharedError
export async function handler(error: unknown, options: Options) {
  if (error instanceof SharedError) return 'shared';
  if (error instanceof DeepError) return 'deep';
  if (error instanceof Error || error instanceof EventEmitter) return 'once per process';
  const { lookUp } = await import('./store.js');
  return lookUp(new Settings(), options);
}
`,
  'src/options.ts': 'export interface Options { readonly verbose: boolean }\n',
  'src/settings.ts': 'export class Settings {}\n',
  'src/store.ts': `import { SdkError } from 'sdk-lib';
import { SharedError } from 'shared-lib';
import { wrap } from 'wrapper-lib';
import { Settings } from './settings.js';

class LocalError extends Error {}

export async function lookUp(settings: unknown, value: unknown) {
  if (settings instanceof Settings) return wrap(value);
  if (value instanceof SdkError || value instanceof LocalError) return 'lazy side only';
  if (value instanceof SharedError) return 'shared';
  const { report } = await import('./report.js');
  return report(value);
}
`,
  'src/report.ts': 'export const report = (value: unknown) => String(value);\n',
  'node_modules/shared-lib/package.json': '{ "name": "shared-lib" }',
  'node_modules/sdk-lib/package.json': '{ "name": "sdk-lib" }',
  'node_modules/deep-lib/package.json': '{ "name": "deep-lib" }',
  'node_modules/wrapper-lib/package.json':
    '{ "name": "wrapper-lib", "dependencies": { "deep-lib": "1.0.0" } }',
};

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bundle-split-'));
  for (const [path, text] of Object.entries(TRIGGER)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('bundleSplit', () => {
  it('splits the sources as the bundler does: the entry, then each module loaded with import()', () => {
    const { bundles } = bundleSplit(root);

    expect(bundles).toEqual([
      // `import type` is erased: options.ts is in no bundle.
      { entry: 'src/handler.ts', files: ['src/handler.ts', 'src/settings.ts'] },
      { entry: 'src/store.ts', files: ['src/settings.ts', 'src/store.ts'] },
      { entry: 'src/report.ts', files: ['src/report.ts'] },
    ]);
  });

  it('finds each instanceof of a class two bundles carry, on either side, and only those', () => {
    const { crossings } = bundleSplit(root);

    const both = ['src/handler.ts', 'src/store.ts'];
    expect(crossings).toEqual([
      // Both import the package (whatever the subpath).
      { at: 'src/handler.ts:9', className: 'SharedError', from: 'shared-lib', carriedBy: both },
      // The store carries it too, as a dependency of the package it imports.
      { at: 'src/handler.ts:10', className: 'DeepError', from: 'deep-lib', carriedBy: both },
      // A file both bundles hold.
      { at: 'src/store.ts:9', className: 'Settings', from: 'src/settings.ts', carriedBy: both },
      { at: 'src/store.ts:11', className: 'SharedError', from: 'shared-lib', carriedBy: both },
    ]);
  });
});
