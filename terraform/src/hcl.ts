import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { TerraformParseError } from './errors.js';

/** A block body as `@cdktf/hcl2json` renders it: nested blocks are arrays of bodies. */
export type Body = Readonly<Record<string, unknown>>;

/** One `resource`, `data` or `module` block, with the file it was written in. */
export interface Declaration {
  readonly file: string;
  /** `aws_lambda_function` (resource, data), or the module's local source (module). */
  readonly type: string;
  readonly name: string;
  readonly body: Body;
}

/** One named `variable`, `output` or local value. */
export interface NamedBlock {
  readonly file: string;
  readonly name: string;
  readonly body: Body;
}

/** Every `.tf` file of one folder, parsed and indexed. */
export interface TerraformModule {
  /** Absolute path of the folder. */
  readonly dir: string;
  /** Path of the folder relative to the repository's terraform/ folder, for messages. */
  readonly label: string;
  readonly files: readonly string[];
  readonly resources: readonly Declaration[];
  readonly dataSources: readonly Declaration[];
  readonly moduleCalls: readonly Declaration[];
  readonly providers: readonly Declaration[];
  readonly variables: ReadonlyMap<string, NamedBlock>;
  readonly outputs: ReadonlyMap<string, NamedBlock>;
  /** Local values: the expression (or literal) of each name. */
  readonly locals: ReadonlyMap<string, NamedBlock & { readonly value: unknown }>;
  readonly terraformBlocks: readonly Body[];
}

export const TERRAFORM_ROOT = resolve(import.meta.dirname, '..');

/**
 * Parses every `.tf` file of `dir` with HashiCorp's HCL parser (`@cdktf/hcl2json`, WASM).
 *
 * @throws {TerraformParseError} naming the file on a syntax error.
 * @example
 * ```ts
 * const module = await loadModule('terraform/modules/trigger-function');
 * module.resources.map((resource) => `${resource.type}.${resource.name}`);
 * ```
 */
export async function loadModule(dir: string): Promise<TerraformModule> {
  const absolute = resolve(dir);
  const names = await terraformFiles(absolute);
  const label = relative(TERRAFORM_ROOT, absolute) || '.';
  const module = {
    dir: absolute,
    label,
    files: names.map((name) => join(label, name)),
    resources: [] as Declaration[],
    dataSources: [] as Declaration[],
    moduleCalls: [] as Declaration[],
    providers: [] as Declaration[],
    variables: new Map<string, NamedBlock>(),
    outputs: new Map<string, NamedBlock>(),
    locals: new Map<string, NamedBlock & { value: unknown }>(),
    terraformBlocks: [] as Body[],
  };
  for (const name of names) {
    const file = join(label, name);
    let json: Record<string, unknown>;
    try {
      json = await parse(name, await readFile(join(absolute, name), 'utf8'));
    } catch (error) {
      throw new TerraformParseError(file, error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    }
    for (const [type, name, body] of labelled2(json.resource)) {
      module.resources.push({ file, type, name, body });
    }
    for (const [type, name, body] of labelled2(json.data)) {
      module.dataSources.push({ file, type, name, body });
    }
    for (const [name, body] of labelled1(json.module)) {
      module.moduleCalls.push({ file, type: String(body.source ?? ''), name, body });
    }
    for (const [name, body] of labelled1(json.provider)) {
      module.providers.push({ file, type: name, name, body });
    }
    for (const [name, body] of labelled1(json.variable))
      module.variables.set(name, { file, name, body });
    for (const [name, body] of labelled1(json.output))
      module.outputs.set(name, { file, name, body });
    for (const block of bodies(json.locals)) {
      for (const [name, value] of Object.entries(block)) {
        module.locals.set(name, { file, name, body: block, value });
      }
    }
    module.terraformBlocks.push(...bodies(json.terraform));
  }
  return module;
}

/** The folder a module call's local `source` points at, or undefined for a registry source. */
export function moduleSourceDir(module: TerraformModule, call: Declaration): string | undefined {
  const source = call.type;
  if (!source.startsWith('./') && !source.startsWith('../')) return undefined;
  return isAbsolute(source) ? source : resolve(module.dir, source);
}

/**
 * Every folder under `dir` (itself included) that holds a `.tf` file, skipping fixtures, native
 * tests and dot folders.
 */
export async function findModuleDirs(dir: string): Promise<string[]> {
  const found: string[] = [];
  if ((await terraformFiles(dir)).length > 0) found.push(dir);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // Dot folders (.terraform, .plans of the contract test) and fixtures are not ours to check.
    if (
      !entry.isDirectory() ||
      entry.name.startsWith('.') ||
      ['node_modules', 'fixtures', 'tests'].includes(entry.name)
    ) {
      continue;
    }
    found.push(...(await findModuleDirs(join(dir, entry.name))));
  }
  return found.sort();
}

/** The `.tf` files of a folder, sorted (each name is `stat`ed: a link to a file counts). */
async function terraformFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.tf'));
  const files = await Promise.all(
    names.map(async (name) => ((await stat(join(dir, name))).isFile() ? name : undefined)),
  );
  return files.filter((name) => name !== undefined).sort();
}

/** A nested block as hcl2json renders it: an array of bodies (or, rarely, one body). */
export function bodies(value: unknown): Body[] {
  if (Array.isArray(value)) return value.filter(isBody);
  return isBody(value) ? [value] : [];
}

export function isBody(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function* labelled1(value: unknown): Generator<[string, Body]> {
  if (!isBody(value)) return;
  for (const [name, blocks] of Object.entries(value)) {
    for (const body of bodies(blocks)) yield [name, body];
  }
}

function* labelled2(value: unknown): Generator<[string, string, Body]> {
  if (!isBody(value)) return;
  for (const [type, named] of Object.entries(value)) {
    for (const [name, body] of labelled1(named)) yield [type, name, body];
  }
}
