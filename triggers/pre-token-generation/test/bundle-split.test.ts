import { resolve } from 'node:path';
import { bundleSplit } from '@cognito-triggers/events/testing';
import { describe, expect, it } from 'vitest';

// The store path is built into its own dist/store.mjs, with its own copy of the events and
// tenancy packages: a class of theirs is two classes at run time, one on each side.
const { bundles, crossings } = bundleSplit(resolve(import.meta.dirname, '..'));

describe('the split between the entry and the lazy store bundle', () => {
  it('puts the store path, and it alone, in a bundle of its own', () => {
    expect(bundles.map(({ entry }) => entry)).toEqual(['src/handler.ts', 'src/store.ts']);
    expect(bundles[1]?.files).toEqual(['src/store.ts']);
  });

  it('checks no class that both bundles carry with instanceof: name or code only', () => {
    expect(crossings).toEqual([]);
  });
});
