import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

/** The bundler's entry point of every trigger. */
const ENTRY = 'src/handler.ts';

/** One self-contained bundle: its entry and every source file of the trigger it holds. */
export interface SourceBundle {
  /** `src/handler.ts` for `dist/index.mjs`; a module loaded with `import()` for a lazy one. */
  readonly entry: string;
  readonly files: readonly string[];
}

/** An `instanceof` whose class two bundles carry, each its own copy: always false across them. */
export interface InstanceofCrossing {
  /** Where the check is: `src/store.ts:54`. */
  readonly at: string;
  readonly className: string;
  /** Where the class comes from: a package (`@cognito-triggers/tenancy`) or a source file. */
  readonly from: string;
  /** The entries of the bundles that carry it. */
  readonly carriedBy: readonly string[];
}

export interface BundleSplit {
  /** The entry bundle first, then each lazy module's. */
  readonly bundles: readonly SourceBundle[];
  readonly crossings: readonly InstanceofCrossing[];
}

/**
 * Reads a trigger's sources as the bundler splits them: `src/handler.ts` and what it imports
 * statically make `dist/index.mjs`; each module of its own loaded with `import()` makes a
 * self-contained lazy bundle, with its own copy of every package and file it imports. A class
 * two bundles carry is two classes at run time, so `instanceof` is false for an object made by
 * the other copy. Every `instanceof` whose class is such a class is a crossing: a class of a
 * package both bundles carry (imported, or a dependency of one they import), or of a source
 * file both hold. Built-in classes (`Error`, `AbortSignal`) exist once and are never one;
 * compare anything else by `name` or `code`.
 *
 * @example
 * const { crossings } = bundleSplit(resolve(import.meta.dirname, '..'));
 * expect(crossings).toEqual([]);
 */
export function bundleSplit(root: string): BundleSplit {
  const sources = readSources(root);
  const bundles: SourceBundle[] = [];
  const pending = [ENTRY];
  for (let entry = pending.shift(); entry !== undefined; entry = pending.shift()) {
    if (bundles.some((bundle) => bundle.entry === entry)) continue;
    const files = reach(entry, sources);
    bundles.push({ entry, files });
    pending.push(...files.flatMap((file) => sources.get(file)?.lazyImports ?? []));
  }

  const packages = new Map(
    bundles.map(({ entry, files }) => [
      entry,
      withDependencies(
        root,
        files.flatMap((file) => sources.get(file)?.packages ?? []),
      ),
    ]),
  );
  const carriers = (from: string) =>
    bundles
      .filter(({ entry, files }) =>
        from.startsWith('src/') ? files.includes(from) : packages.get(entry)?.has(from),
      )
      .map(({ entry }) => entry);
  const crossings = [...new Set(bundles.flatMap(({ files }) => files))].flatMap((file) =>
    (sources.get(file)?.checks ?? []).flatMap(({ className, line }) => {
      const from = sources.get(file)?.classOrigin(className);
      const carriedBy = from === undefined ? [] : carriers(from);
      return from !== undefined && carriedBy.length > 1
        ? [{ at: `${file}:${line}`, className, from, carriedBy }]
        : [];
    }),
  );
  return { bundles, crossings };
}

interface Source {
  /** Source files imported for their values (`import type` is erased). */
  readonly imports: readonly string[];
  /** Source files loaded with `import()`: lazy bundles of their own. */
  readonly lazyImports: readonly string[];
  /** Packages imported for their values, by name (`node:` builtins left out). */
  readonly packages: readonly string[];
  readonly checks: readonly { readonly className: string; readonly line: number }[];
  /** A source file or package name; `undefined` for a global, which exists once. */
  classOrigin(name: string): string | undefined;
}

function readSources(root: string): Map<string, Source> {
  const paths = listTs(root, 'src');
  const sources = new Map<string, Source>();
  for (const path of paths) {
    sources.set(path, parse(path, readFileSync(join(root, path), 'utf8'), new Set(paths)));
  }
  return sources;
}

function listTs(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return listTs(root, path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /\bimport\s+(type\s+)?([\w$*{}\s,]+?)\s*from\s*(['"])([^'"]+)\3/g;
const EXPORT_FROM = /\bexport\s+(type\s+)?(?:\*|\{[^}]*\})\s*from\s*(['"])([^'"]+)\2/g;
const BARE_IMPORT = /\bimport\s*(['"])([^'"]+)\1/g;
const DYNAMIC_IMPORT = /\bimport\(\s*(['"])([^'"]+)\1\s*\)/g;
const INSTANCEOF = /\binstanceof\s+([A-Za-z_$][\w$]*)/g;
const CLASS = /\bclass\s+([A-Za-z_$][\w$]*)/g;

function parse(path: string, text: string, paths: ReadonlySet<string>): Source {
  const code = withoutComments(text);
  const resolve = (specifier: string) => resolveSource(path, specifier, paths);
  const imports: string[] = [];
  const packages: string[] = [];
  const bindings = new Map<string, string>();
  const follow = (specifier: string): string | undefined => {
    const from = specifier.startsWith('.') ? resolve(specifier) : packageName(specifier);
    if (from === undefined) return undefined;
    (from.startsWith('src/') ? imports : packages).push(from);
    return from;
  };

  for (const [, typeOnly, clause = '', , specifier = ''] of code.matchAll(IMPORT)) {
    if (typeOnly !== undefined) continue;
    const from = follow(specifier);
    if (from !== undefined) for (const name of valueNames(clause)) bindings.set(name, from);
  }
  for (const [, typeOnly, , specifier = ''] of code.matchAll(EXPORT_FROM)) {
    if (typeOnly === undefined) follow(specifier);
  }
  for (const [, , specifier = ''] of code.matchAll(BARE_IMPORT)) follow(specifier);
  const lazyImports = [...code.matchAll(DYNAMIC_IMPORT)].flatMap(([, , specifier = '']) => {
    const file = specifier.startsWith('.') ? resolve(specifier) : undefined;
    return file === undefined ? [] : [file];
  });
  const declared = new Set([...code.matchAll(CLASS)].map(([, name = '']) => name));
  const checks = [...code.matchAll(INSTANCEOF)].map(({ 1: className = '', index }) => ({
    className,
    line: code.slice(0, index).split('\n').length,
  }));
  return {
    imports,
    lazyImports,
    packages,
    checks,
    classOrigin: (name) => bindings.get(name) ?? (declared.has(name) ? path : undefined),
  };
}

/** Comments out, line breaks kept (for line numbers); strings and templates left as they are. */
function withoutComments(text: string): string {
  return text.replace(
    /('(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`)|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g,
    (match, literal: string | undefined) => literal ?? match.replace(/[^\n]/g, ' '),
  );
}

/** The local names an import clause binds to values: `A, { b, type C, d as e }, * as f`. */
function valueNames(clause: string): string[] {
  const names: string[] = [];
  const named = /\{([^}]*)\}/.exec(clause);
  for (const part of (named?.[1] ?? '').split(',')) {
    const words = part.trim().split(/\s+/);
    if (words[0] === 'type' || words[0] === '') continue;
    names.push(words.at(-1) ?? '');
  }
  const rest = clause.replace(/\{[^}]*\}/, '');
  const namespace = /\*\s*as\s+([\w$]+)/.exec(rest);
  if (namespace?.[1] !== undefined) names.push(namespace[1]);
  const defaultImport = /^\s*([\w$]+)\s*(?:,|$)/.exec(rest);
  if (defaultImport?.[1] !== undefined) names.push(defaultImport[1]);
  return names;
}

function resolveSource(
  importer: string,
  specifier: string,
  paths: ReadonlySet<string>,
): string | undefined {
  const base = posix.join(posix.dirname(importer), specifier).replace(/\.js$/, '');
  return [`${base}.ts`, `${base}/index.ts`].find((candidate) => paths.has(candidate));
}

/** `@scope/name` or `name`; `undefined` for a Node builtin, which exists once. */
function packageName(specifier: string): string | undefined {
  if (specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The packages a bundle carries: those its files import, and their dependencies, as installed
 * (a package the bundle uses only in part may count, never one it carries goes uncounted).
 */
function withDependencies(root: string, imported: readonly string[]): Set<string> {
  const carried = new Set<string>();
  const visit = (name: string, from: string) => {
    if (carried.has(name)) return;
    carried.add(name);
    const dir = installed(name, from);
    if (dir === undefined) return;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir);
  };
  for (const name of imported) visit(name, root);
  return carried;
}

/** Where Node finds package `name` from folder `from`: the nearest `node_modules` holding it. */
function installed(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

function reach(entry: string, sources: ReadonlyMap<string, Source>): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of sources.get(file)?.imports ?? []) visit(next);
  };
  visit(entry);
  return [...seen].sort();
}
