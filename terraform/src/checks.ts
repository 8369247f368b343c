import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getReferencesInExpression } from '@cdktf/hcl2json';
import { Check, type Finding } from './findings.js';
import {
  type Body,
  bodies,
  type Declaration,
  isBody,
  loadModule,
  moduleSourceDir,
  type TerraformModule,
} from './hcl.js';
import type { BlockSchema, ProviderSchema, TypeSchema } from './provider-schema.js';
import { conformance, parseType } from './types.js';

/** Terraform's own resource types, which no provider schema holds. */
const BUILTIN_RESOURCES: Readonly<Record<string, TypeSchema>> = {
  terraform_data: {
    arguments: {
      input: { type: 'any', required: false },
      triggers_replace: { type: 'any', required: false },
    },
    blocks: {},
    attributes: ['id', 'output'],
  },
};

/** Arguments every resource / data block may carry, whatever its type. */
const RESOURCE_META = new Set([
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
  'provisioner',
  'connection',
]);
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'depends_on', 'providers']);

/** Reference roots that are not declarations. */
const CONTEXT_ROOTS = new Set(['path', 'self', 'each', 'count', 'terraform']);

/**
 * Checks every resource, data source and provider block against the provider schema: the type
 * exists, each argument and nested block exists (dynamic blocks included), and every required
 * argument and block is written. Module calls are checked against the called module's variables.
 *
 * @example
 * ```ts
 * const findings = await checkSchema(await loadModule(dir), await loadProviderSchema());
 * ```
 */
export async function checkSchema(
  module: TerraformModule,
  schema: ProviderSchema,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const declarations: [Declaration, TypeSchema | undefined, string][] = [
    ...module.resources.map((resource): [Declaration, TypeSchema | undefined, string] => [
      resource,
      BUILTIN_RESOURCES[resource.type] ?? schema.resources[resource.type],
      `${resource.type}.${resource.name}`,
    ]),
    ...module.dataSources.map((data): [Declaration, TypeSchema | undefined, string] => [
      data,
      schema.dataSources[data.type],
      `data.${data.type}.${data.name}`,
    ]),
  ];
  for (const [declaration, typeSchema, where] of declarations) {
    if (typeSchema === undefined) {
      findings.push({
        check: Check.UnknownResourceType,
        file: declaration.file,
        where,
        message: `"${declaration.type}" is not a ${where.startsWith('data.') ? 'data source' : 'resource'} type of the AWS provider ${schema.provider.version} subset (if it is real, add it to scripts/generate-provider-schema.ts and regenerate)`,
      });
      continue;
    }
    checkBody(
      declaration.body,
      { nesting: 'single', required: true, ...typeSchema },
      {
        file: declaration.file,
        where,
        meta: RESOURCE_META,
        findings,
      },
    );
  }
  for (const provider of module.providers) {
    if (provider.name !== 'aws') continue;
    checkBody(provider.body, schema.providerConfig, {
      file: provider.file,
      where: `provider.${provider.name}`,
      meta: new Set(['alias']),
      findings,
    });
  }
  for (const call of module.moduleCalls) {
    const dir = moduleSourceDir(module, call);
    if (dir === undefined) continue;
    const called = await loadModule(dir);
    for (const name of Object.keys(call.body)) {
      if (MODULE_META.has(name) || called.variables.has(name)) continue;
      findings.push({
        check: Check.UnknownArgument,
        file: call.file,
        where: `module.${call.name}`,
        message: `"${name}" is not a variable of ${called.label}`,
      });
    }
    for (const [name, variable] of called.variables) {
      if (!('default' in variable.body) && !(name in call.body)) {
        findings.push({
          check: Check.MissingArgument,
          file: call.file,
          where: `module.${call.name}`,
          message: `the required variable "${name}" of ${called.label} is not set`,
        });
      }
    }
  }
  return findings;
}

interface BodyContext {
  readonly file: string;
  readonly where: string;
  readonly meta: ReadonlySet<string>;
  readonly findings: Finding[];
}

function checkBody(body: Body, schema: BlockSchema | TypeSchema, context: BodyContext): void {
  const { file, where, findings } = context;
  const present = new Set<string>();
  for (const [name, value] of Object.entries(body)) {
    if (context.meta.has(name)) continue;
    if (name === 'dynamic') {
      for (const [blockName, dynamics] of Object.entries(isBody(value) ? value : {})) {
        const block = schema.blocks[blockName];
        if (block === undefined) {
          findings.push(unknownBlock(file, where, blockName));
          continue;
        }
        present.add(blockName);
        for (const dynamic of bodies(dynamics)) {
          for (const content of bodies(dynamic.content)) {
            checkBody(content, block, {
              file,
              where: `${where}.${blockName}`,
              meta: new Set(),
              findings,
            });
          }
        }
      }
      continue;
    }
    present.add(name);
    if (name in schema.arguments) continue;
    const block = schema.blocks[name];
    if (block !== undefined) {
      for (const inner of bodies(value)) {
        checkBody(inner, block, { file, where: `${where}.${name}`, meta: new Set(), findings });
      }
      continue;
    }
    const looksLikeBlock = Array.isArray(value) && value.length > 0 && value.every(isBody);
    findings.push(
      looksLikeBlock
        ? unknownBlock(file, where, name)
        : {
            check: Check.UnknownArgument,
            file,
            where,
            message: `"${name}" is not an argument of ${where}`,
          },
    );
  }
  for (const [name, argument] of Object.entries(schema.arguments)) {
    if (argument.required && !present.has(name)) {
      findings.push({
        check: Check.MissingArgument,
        file,
        where,
        message: `the required argument "${name}" is missing`,
      });
    }
  }
  for (const [name, block] of Object.entries(schema.blocks)) {
    if (block.required && !present.has(name)) {
      findings.push({
        check: Check.MissingArgument,
        file,
        where,
        message: `the required block "${name}" is missing`,
      });
    }
  }
}

function unknownBlock(file: string, where: string, name: string): Finding {
  return {
    check: Check.UnknownBlock,
    file,
    where,
    message: `"${name}" is not a block of ${where}`,
  };
}

/**
 * Checks that every reference in every expression resolves: `var.x` to a variable, `local.x` to
 * a local value, `module.x.y` to a module call and an output of the called module,
 * `aws_x.name.attr` / `data.aws_x.name.attr` to a declared resource and one of its attributes.
 */
export async function checkReferences(
  module: TerraformModule,
  schema: ProviderSchema,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const calledOutputs = new Map<string, ReadonlySet<string> | undefined>();
  for (const call of module.moduleCalls) {
    const dir = moduleSourceDir(module, call);
    calledOutputs.set(
      call.name,
      dir === undefined ? undefined : new Set((await loadModule(dir)).outputs.keys()),
    );
  }
  const iterators = new Set<string>();
  for (const [, value] of walk(everything(module))) {
    if (!isBody(value) || !isBody(value.dynamic)) continue;
    for (const [name, dynamics] of Object.entries(value.dynamic)) {
      iterators.add(name);
      for (const dynamic of bodies(dynamics)) {
        if (typeof dynamic.iterator === 'string') iterators.add(dynamic.iterator);
      }
    }
  }
  const declared = (list: readonly Declaration[], type: string, name: string) =>
    list.find((item) => item.type === type && item.name === name);
  const typeAttributes = (typeSchema: TypeSchema | undefined) =>
    typeSchema === undefined
      ? undefined
      : new Set([
          'id',
          ...Object.keys(typeSchema.arguments),
          ...Object.keys(typeSchema.blocks),
          ...typeSchema.attributes,
        ]);

  for (const [file, where, expression] of expressions(module)) {
    for (const reference of await referencesIn(file, expression)) {
      const parts = splitReference(reference);
      const [root, second] = parts;
      const attribute = parts.slice(2).find((part) => !isIndex(part));
      const problem = ((): string | undefined => {
        if (root === undefined) return undefined;
        if (CONTEXT_ROOTS.has(root) || iterators.has(root)) return undefined;
        if (root === 'var') {
          return module.variables.has(second ?? '') ? undefined : `no variable "${second}"`;
        }
        if (root === 'local') {
          return module.locals.has(second ?? '') ? undefined : `no local value "${second}"`;
        }
        if (root === 'module') {
          if (!calledOutputs.has(second ?? '')) return `no module "${second}"`;
          const outputs = calledOutputs.get(second ?? '');
          return attribute === undefined || outputs === undefined || outputs.has(attribute)
            ? undefined
            : `module "${second}" has no output "${attribute}"`;
        }
        if (root === 'data') {
          const name = parts[2] ?? '';
          if (declared(module.dataSources, second ?? '', name) === undefined) {
            return `no data source "${second}.${name}"`;
          }
          const dataAttribute = parts.slice(3).find((part) => !isIndex(part));
          const known = typeAttributes(schema.dataSources[second ?? '']);
          return dataAttribute === undefined || known === undefined || known.has(dataAttribute)
            ? undefined
            : `data source ${second} has no attribute "${dataAttribute}"`;
        }
        if (second === undefined || declared(module.resources, root, second) === undefined) {
          return `"${parts.slice(0, 2).join('.')}" is not declared in this module`;
        }
        const known = typeAttributes(BUILTIN_RESOURCES[root] ?? schema.resources[root]);
        return attribute === undefined || known === undefined || known.has(attribute)
          ? undefined
          : `${root} has no attribute "${attribute}"`;
      })();
      if (problem !== undefined) {
        findings.push({
          check: Check.DanglingReference,
          file,
          where,
          message: `${reference}: ${problem}`,
        });
      }
    }
  }
  return findings;
}

/**
 * Checks IAM statements for wildcards: an action with `*` (`s3:*`, `dynamodb:Get*`) or a resource
 * that is `*` or holds a `*` of its own. Two wildcards are allowed: `<log group ARN>:log-stream:*`,
 * the log streams of one named log group; and a `*` below a per-principal path segment made of a
 * documented IAM policy variable (`<bucket ARN>/$${aws:PrincipalTag/tenant_id}/*`,
 * `…/$${cognito-identity.amazonaws.com:sub}/*`), which IAM resolves per caller, so that the
 * wildcard never reaches past the caller's own prefix. It looks at every `actions` / `resources`
 * list (policy documents, statements passed to modules) and at literal JSON policies.
 */
export function checkIam(module: TerraformModule): Finding[] {
  const findings: Finding[] = [];
  for (const [file, where, root] of topLevel(module)) {
    for (const [path, value] of walk(root)) {
      const statements: Body[] = [];
      if (isBody(value)) statements.push(value);
      if (typeof value === 'string' && value.trimStart().startsWith('{')) {
        statements.push(...jsonStatements(value));
      }
      for (const statement of statements) {
        for (const action of strings(statement.actions ?? statement.Action)) {
          if (literalPart(action).includes('*')) {
            findings.push({
              check: Check.WildcardAction,
              file,
              where: `${where}${path}`,
              message: `action "${action}" is a wildcard: name each action`,
            });
          }
        }
        for (const resource of strings(statement.resources ?? statement.Resource)) {
          if (isWildcardResource(resource)) {
            findings.push({
              check: Check.WildcardResource,
              file,
              where: `${where}${path}`,
              message: `resource "${resource}" is a wildcard: name the pool, table or log group`,
            });
          }
        }
      }
    }
  }
  return findings;
}

/**
 * IAM policy variables that scope a resource to the caller (written `$${…}` in HCL, where `${`
 * would start an interpolation): a principal tag (session tags mapped from token claims by an
 * identity pool) and the caller's Cognito identity id.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
const PRINCIPAL_SCOPED_VARIABLE =
  /\$\{(?:aws:PrincipalTag\/[\w+=.@:-]+|cognito-identity\.amazonaws\.com:sub)\}/;

function isWildcardResource(resource: string): boolean {
  const literal = literalPart(resource.replace(/(\$\{[^}]*\}):log-stream:\*$/, '$1'));
  if (!literal.includes('*')) return false;
  // `<arn>/${aws:PrincipalTag/tenant_id}/*`: every `*` after the variable, and a delimiter
  // right after it. Without one, `acme*` would also reach `acme-other/`.
  const variable = PRINCIPAL_SCOPED_VARIABLE.exec(literal);
  if (variable === null) return true;
  const before = literal.slice(0, variable.index);
  const after = literal.slice(variable.index + variable[0].length);
  return before.includes('*') || !/^[/:]/.test(after);
}

/**
 * The text of a string outside its `${…}` interpolations. An escaped `$${` is literal text
 * (Terraform writes it out as `${`), as are IAM policy variables written that way.
 */
function literalPart(text: string): string {
  let out = '';
  let depth = 0;
  for (let at = 0; at < text.length; at += 1) {
    if (depth === 0 && text.startsWith('$${', at)) {
      out += '${';
      at += 2;
    } else if (text.startsWith('${', at)) {
      depth += 1;
      at += 1;
    } else if (depth > 0 && text[at] === '{') {
      depth += 1;
    } else if (depth > 0 && text[at] === '}') {
      depth -= 1;
    } else if (depth === 0) {
      out += text[at];
    }
  }
  return out;
}

function jsonStatements(text: string): Body[] {
  try {
    const document: unknown = JSON.parse(text);
    return isBody(document) ? bodies(document.Statement) : [];
  } catch {
    return [];
  }
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}

/**
 * Checks an environment's `terraform.tfvars.json` against its root module's variables: every
 * key is a declared variable, and every value has the variable's type.
 */
export async function checkTfvars(
  module: TerraformModule,
  tfvarsFile = 'terraform.tfvars.json',
): Promise<Finding[]> {
  const file = join(module.label, tfvarsFile);
  const values = JSON.parse(await readFile(join(module.dir, tfvarsFile), 'utf8')) as Record<
    string,
    unknown
  >;
  const findings: Finding[] = [];
  for (const [key, value] of Object.entries(values)) {
    const variable = module.variables.get(key);
    if (variable === undefined) {
      findings.push({
        check: Check.TfvarsUnknownKey,
        file,
        where: key,
        message: `"${key}" is not a variable of ${module.label} (variables.tf)`,
      });
      continue;
    }
    const type =
      typeof variable.body.type === 'string'
        ? parseType(variable.body.type)
        : { kind: 'any' as const };
    const reason = conformance(value, type, key);
    if (reason !== undefined) {
      findings.push({ check: Check.TfvarsWrongType, file, where: key, message: reason });
    }
  }
  return findings;
}

/**
 * The terraform-aws-modules conventions (STYLE.md habit 10): every variable has a description,
 * a type and a default; every output a description.
 */
export function checkConventions(module: TerraformModule): Finding[] {
  const findings: Finding[] = [];
  for (const variable of module.variables.values()) {
    for (const key of ['description', 'type', 'default']) {
      if (!(key in variable.body)) {
        findings.push({
          check: Check.ModuleConvention,
          file: variable.file,
          where: `variable.${variable.name}`,
          message: `has no ${key}`,
        });
      }
    }
  }
  for (const output of module.outputs.values()) {
    if (!('description' in output.body)) {
      findings.push({
        check: Check.ModuleConvention,
        file: output.file,
        where: `output.${output.name}`,
        message: 'has no description',
      });
    }
  }
  return findings;
}

/** Every top-level block of the module: [file, address, body]. */
function topLevel(module: TerraformModule): [string, string, unknown][] {
  return [
    ...module.resources.map((r): [string, string, unknown] => [
      r.file,
      `${r.type}.${r.name}`,
      r.body,
    ]),
    ...module.dataSources.map((d): [string, string, unknown] => [
      d.file,
      `data.${d.type}.${d.name}`,
      d.body,
    ]),
    ...module.moduleCalls.map((m): [string, string, unknown] => [
      m.file,
      `module.${m.name}`,
      m.body,
    ]),
    ...module.providers.map((p): [string, string, unknown] => [
      p.file,
      `provider.${p.name}`,
      p.body,
    ]),
    ...[...module.variables.values()].map((v): [string, string, unknown] => [
      v.file,
      `variable.${v.name}`,
      v.body,
    ]),
    ...[...module.outputs.values()].map((o): [string, string, unknown] => [
      o.file,
      `output.${o.name}`,
      o.body,
    ]),
    ...[...module.locals.values()].map((l): [string, string, unknown] => [
      l.file,
      `local.${l.name}`,
      l.value,
    ]),
  ];
}

function everything(module: TerraformModule): unknown[] {
  return topLevel(module).map(([, , value]) => value);
}

/** Every value under `root`, with its path (`.statement[0].actions`). */
function* walk(root: unknown, path = ''): Generator<[string, unknown]> {
  yield [path, root];
  if (Array.isArray(root)) {
    for (const [index, item] of root.entries()) yield* walk(item, `${path}[${index}]`);
  } else if (isBody(root)) {
    for (const [key, value] of Object.entries(root)) yield* walk(value, `${path}.${key}`);
  }
}

/** Keys whose strings are names, not expressions: `ignore_changes` lists, a provisioner's `when`. */
const NOT_EXPRESSIONS = new Set(['ignore_changes', 'when']);

function* expressions(module: TerraformModule): Generator<[string, string, string]> {
  for (const [file, where, root] of topLevel(module)) {
    for (const [path, value] of walk(root)) {
      const key = /\.([^.[\]]+)(\[\d+\])*$/.exec(path)?.[1];
      if (typeof value !== 'string' || !value.includes('${')) continue;
      if (key !== undefined && NOT_EXPRESSIONS.has(key)) continue;
      // A variable's type constraint (`${list(string)}`) is a type, not an expression.
      if (where.startsWith('variable.') && path === '.type') continue;
      yield [file, `${where}${path}`, value];
    }
  }
}

async function referencesIn(file: string, expression: string): Promise<string[]> {
  const references = await getReferencesInExpression(file, expression);
  return references.map((reference) => reference.value);
}

/** `module.function."pre-signup".arn` → `module`, `function`, `"pre-signup"`, `arn`. */
function splitReference(reference: string): string[] {
  return reference.match(/"(?:[^"\\]|\\.)*"|[^.]+/g) ?? [];
}

function isIndex(part: string): boolean {
  return /^\d+$/.test(part) || part.startsWith('"') || part === '*';
}
