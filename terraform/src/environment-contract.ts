import { getReferencesInExpression } from '@cdktf/hcl2json';
import { Check, type Finding } from './findings.js';
import { isBody, type TerraformModule } from './hcl.js';

/** What a trigger package says about its own environment. */
export interface TriggerContract {
  /** Folder under triggers/, the key of the module's `local.functions`. */
  readonly folder: string;
  /** Every environment variable the trigger's configuration reads (`ConfigDefinition.variables`). */
  readonly variables: readonly string[];
  /**
   * tfvars key → the variable(s) it sets (`TFVARS_TO_ENVIRONMENT`); `key.attribute` names an
   * attribute of an object-typed key (`claim_names.tenant_id`).
   */
  readonly tfvarsToEnvironment: Readonly<Record<string, string | readonly string[]>>;
}

/** One function's environment as the module writes it: variable → expression. */
export type FunctionEnvironment = ReadonlyMap<string, string>;

/**
 * Reads `local.functions` of the cognito-triggers module: for each trigger folder, the
 * variables its Lambda gets and the expression of each. An environment may be written as an
 * object, as `local.x`, or as `merge(local.a, local.b, …)` of such objects.
 *
 * @throws {Error} when an environment is written in another form (the check would be blind).
 * @example
 * ```ts
 * functionEnvironments(await loadModule('terraform/modules/cognito-triggers')).get('pre-signup');
 * ```
 */
export function functionEnvironments(module: TerraformModule): Map<string, FunctionEnvironment> {
  const functions = module.locals.get('functions')?.value;
  if (!isBody(functions)) throw new Error(`${module.label}: no object local "functions"`);
  const environments = new Map<string, FunctionEnvironment>();
  for (const [folder, definition] of Object.entries(functions)) {
    if (!isBody(definition))
      throw new Error(`${module.label}: local.functions["${folder}"] is not an object`);
    environments.set(
      folder,
      resolveObject(module, definition.environment, `local.functions["${folder}"].environment`),
    );
  }
  return environments;
}

function resolveObject(
  module: TerraformModule,
  value: unknown,
  where: string,
): Map<string, string> {
  if (isBody(value)) {
    return new Map(Object.entries(value).map(([name, expression]) => [name, String(expression)]));
  }
  const text = typeof value === 'string' ? value.trim() : '';
  const local = /^\$\{local\.(\w+)\}$/.exec(text)?.[1];
  if (local !== undefined)
    return resolveObject(module, module.locals.get(local)?.value, `local.${local}`);
  const merged = /^\$\{merge\(([\w.,\s]+)\)\}$/.exec(text)?.[1];
  if (merged !== undefined) {
    const result = new Map<string, string>();
    for (const part of merged.split(',').map((item) => item.trim())) {
      for (const [name, expression] of resolveObject(module, `\${${part}}`, where))
        result.set(name, expression);
    }
    return result;
  }
  throw new Error(
    `${module.label}: ${where} must be an object, local.x or merge(local.a, …), got ${JSON.stringify(value)}`,
  );
}

/**
 * Compares what Terraform sets with what each trigger reads: the same set of variable names per
 * function, and each tfvars key of the trigger's `TFVARS_TO_ENVIRONMENT` feeding its variable
 * (the variable's expression reads `var.<key>`, and the module declares that variable).
 */
export async function checkEnvironmentContract(
  module: TerraformModule,
  triggers: readonly TriggerContract[],
): Promise<Finding[]> {
  const environments = functionEnvironments(module);
  const file = module.locals.get('functions')?.file ?? module.label;
  const findings: Finding[] = [];
  for (const trigger of triggers) {
    const where = `local.functions["${trigger.folder}"]`;
    const environment = environments.get(trigger.folder);
    if (environment === undefined) {
      findings.push({
        check: Check.EnvVarMissing,
        file,
        where,
        message: `no function for trigger ${trigger.folder}`,
      });
      continue;
    }
    const read = new Set(trigger.variables);
    for (const name of read) {
      if (!environment.has(name)) {
        findings.push({
          check: Check.EnvVarMissing,
          file,
          where,
          message: `${trigger.folder} reads ${name}, which Terraform does not set`,
        });
      }
    }
    for (const name of environment.keys()) {
      if (!read.has(name)) {
        findings.push({
          check: Check.EnvVarExtra,
          file,
          where,
          message: `Terraform sets ${name}, which ${trigger.folder} does not read`,
        });
      }
    }
    for (const [key, targets] of Object.entries(trigger.tfvarsToEnvironment)) {
      // `claim_names.tenant_id`: an attribute of an object variable.
      const variable = key.split('.')[0] ?? key;
      for (const name of typeof targets === 'string' ? [targets] : targets) {
        const expression = environment.get(name);
        if (expression === undefined) continue;
        const references = await getReferencesInExpression(file, expression);
        const reads = references.some(
          ({ value }) => value === `var.${key}` || value.startsWith(`var.${key}.`),
        );
        if (!reads || !module.variables.has(variable)) {
          findings.push({
            check: Check.EnvVarMapping,
            file,
            where: `${where}.environment.${name}`,
            message: `${trigger.folder} maps tfvars key ${key} to ${name}, but ${name} = ${expression} does not read var.${key}${module.variables.has(variable) ? '' : ` (and ${module.label} declares no variable ${variable})`}`,
          });
        }
      }
    }
  }
  return findings;
}

/**
 * Checks that a module passes each policy key straight through to the module call `callName`
 * (`key = var.key`) and declares it as a variable, so that terraform.tfvars.json reaches the
 * functions under the names the triggers' `TFVARS_TO_ENVIRONMENT` expects: a root into
 * `module.suite`, and the environment module into `module.cognito_triggers`.
 *
 * @example
 * ```ts
 * checkPolicyPassThrough(await loadModule('terraform/environments/dev'), 'suite', ['app_name']);
 * ```
 */
export function checkPolicyPassThrough(
  root: TerraformModule,
  callName: string,
  keys: readonly string[],
): Finding[] {
  const call = root.moduleCalls.find((candidate) => candidate.name === callName);
  if (call === undefined) {
    return [
      {
        check: Check.EnvVarMapping,
        file: root.label,
        where: `module.${callName}`,
        message: 'no such module call',
      },
    ];
  }
  // `claim_names.tenant_id` travels inside the variable claim_names.
  const variables = [...new Set(keys.map((key) => key.split('.')[0] ?? key))];
  return variables.flatMap((key): Finding[] => {
    const ok = call.body[key] === `\${var.${key}}` && root.variables.has(key);
    return ok
      ? []
      : [
          {
            check: Check.EnvVarMapping,
            file: call.file,
            where: `module.${callName}.${key}`,
            message: `tfvars key ${key} does not reach the module: expected ${key} = var.${key} and a variable "${key}"`,
          },
        ];
  });
}

/** Stand-ins for values only `terraform apply` knows, by the expression that reads them. */
export type ApplyTimeValues = Readonly<Record<string, string>>;

/**
 * Computes the environment Terraform would give a function, from the module's expressions and
 * the variables' values (an environment's tfvars over the variables' defaults). It understands
 * the few shapes the module uses (`var.k`, `var.k.attr`, `join(",", var.k)`, `tostring(var.k)`,
 * `jsonencode` of a non-empty `var.k`, `k=v` pairs of a map, and the apply-time references given
 * in `applyTime`) and drops empty values as the module does.
 *
 * @throws {Error} for an expression of another shape: extend this function with the module.
 * @example
 * ```ts
 * renderEnvironment(environments.get('pre-signup'), { allowed_email_domains: ['example.com'] }, {});
 * // { ALLOWED_EMAIL_DOMAINS: 'example.com', AUTO_CONFIRM_USERS: 'false' } (with its defaults)
 * ```
 */
export function renderEnvironment(
  environment: FunctionEnvironment,
  values: Readonly<Record<string, unknown>>,
  applyTime: ApplyTimeValues,
): Record<string, string> {
  const rendered: Record<string, string> = {};
  for (const [name, expression] of environment) {
    const value = renderExpression(expression, values, applyTime);
    if (value !== undefined && value !== '') rendered[name] = value;
  }
  return rendered;
}

function renderExpression(
  expression: string,
  values: Readonly<Record<string, unknown>>,
  applyTime: ApplyTimeValues,
): string | undefined {
  const inner = /^\$\{(.*)\}$/s.exec(expression.trim())?.[1]?.trim();
  if (inner === undefined) return expression;
  const known = applyTime[inner];
  if (known !== undefined) return known;
  const scalar = (value: unknown) =>
    value === null || value === undefined
      ? undefined
      : typeof value === 'object'
        ? undefined
        : String(value);
  let match = /^var\.(\w+)$/.exec(inner);
  if (match?.[1] !== undefined) return scalar(values[match[1]]);
  match = /^var\.(\w+)\.(\w+)$/.exec(inner);
  if (match?.[1] !== undefined && match[2] !== undefined) {
    const object = values[match[1]];
    return isBody(object) ? scalar(object[match[2]]) : undefined;
  }
  match = /^tostring\(var\.(\w+)\)$/.exec(inner);
  if (match?.[1] !== undefined) return scalar(values[match[1]]);
  match = /^join\(",", var\.(\w+)\)$/.exec(inner);
  if (match?.[1] !== undefined) {
    const list = values[match[1]];
    return Array.isArray(list) ? list.join(',') : undefined;
  }
  match = /^length\(var\.(\w+)\) > 0 \? jsonencode\(var\.\1\) : ""$/.exec(inner);
  if (match?.[1] !== undefined) {
    const value = values[match[1]];
    return isBody(value) && Object.keys(value).length > 0 ? JSON.stringify(value) : '';
  }
  match = /^join\(",", \[for (\w+), (\w+) in var\.(\w+) : "\$\{\1\}=\$\{\2\}"\]\)$/.exec(inner);
  if (match?.[3] !== undefined) {
    const map = values[match[3]];
    // Terraform walks a map in lexical key order.
    return isBody(map)
      ? Object.keys(map)
          .sort()
          .map((key) => `${key}=${String(map[key])}`)
          .join(',')
      : undefined;
  }
  throw new Error(`cannot render ${expression}: teach renderEnvironment this shape`);
}

/**
 * The values the functions of an environment get: the root's terraform.tfvars.json over the
 * root's variable defaults over the module's (the root passes each policy key through as is).
 */
export function variableValues(
  modules: readonly TerraformModule[],
  tfvars: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const module of modules) {
    for (const [name, variable] of module.variables) {
      if ('default' in variable.body) values[name] = variable.body.default;
    }
  }
  return { ...values, ...tfvars };
}
