import { basename, extname, join, relative, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import { OUT_DIR, SRC_DIR } from './layout.js';

/**
 * The trigger's own modules that a lazy build loads with `import()`: source path relative to the
 * trigger (`src/store.ts`) to the file it is built into (`store.mjs`, beside `index.mjs`).
 */
export type LazyModules = Map<string, string>;

/** The lazy modules in the order of the files they are built into. */
export function sortedByFile(modules: LazyModules): [string, string][] {
  return [...modules].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
}

// Never used with a value: marks the plugin's own `build.resolve()` calls so it skips them.
const RESOLVING = Symbol('lazy-module-resolving');

/**
 * Leaves every `import()` of one of the trigger's own modules (a relative path resolving inside
 * `src/`) external, rewritten to `./<name>.mjs`, and records it in `found` to be built on its
 * own. Code splitting would do the same with one file less per module, but it moves code both
 * sides use into a shared chunk the entry imports statically, and loading that second file
 * costs cold start about 2 ms. `import()` of a package (the SDK's `bowser`) or inside one is
 * left to esbuild.
 */
export function lazyModulePlugin(root: string, found: LazyModules): Plugin {
  const src = join(root, SRC_DIR) + sep;
  return {
    name: 'lazy-modules',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === RESOLVING) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: RESOLVING,
        });
        // A failed resolution is left to esbuild, which reports it with the importer's line.
        if (resolved.errors.length > 0 || !resolved.path.startsWith(src)) return undefined;
        const source = relative(root, resolved.path).split(sep).join('/');
        const name = `${basename(resolved.path, extname(resolved.path))}.mjs`;
        const clash = [...found].find(([other, taken]) => taken === name && other !== source);
        if (name === 'index.mjs' || clash !== undefined) {
          const reason = clash ? `${clash[0]} is built there already` : 'that is the entry';
          return {
            errors: [
              {
                text: `${source} would be built into ${OUT_DIR}/${name} but ${reason}: rename the module`,
              },
            ],
          };
        }
        found.set(source, name);
        return { path: `./${name}`, external: true };
      });
    },
  };
}
