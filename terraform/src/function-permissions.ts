import { Check, type Finding } from './findings.js';
import { type Body, bodies, isBody, type TerraformModule } from './hcl.js';

/** What a built trigger may send: the `awsActions` of its `dist/manifest.json`. */
export interface TriggerActions {
  /** Folder under triggers/, the key of the module's `local.policy_statements`. */
  readonly folder: string;
  /** IAM actions (`dynamodb:UpdateItem`), as `bundle-trigger build` derived them. */
  readonly awsActions: readonly string[];
}

/**
 * For each IAM service prefix, the resources its actions may name, as hcl2json renders them
 * (`${aws_dynamodb_table.this.arn}`). A statement of another service, or with another resource,
 * is reported.
 */
export type ServiceResources = Readonly<Record<string, readonly string[]>>;

/**
 * Reads `local.policy_statements` of the cognito-triggers module: for each trigger folder, the
 * IAM statements its role gets beyond its logs. A value may be a list of statements or
 * `local.x` naming one.
 *
 * @throws {Error} when a value has another form (the check would be blind).
 */
export function functionPolicyStatements(module: TerraformModule): Map<string, Body[]> {
  const policies = module.locals.get('policy_statements')?.value;
  if (!isBody(policies)) throw new Error(`${module.label}: no object local "policy_statements"`);
  const statements = new Map<string, Body[]>();
  for (const [folder, value] of Object.entries(policies)) {
    statements.set(
      folder,
      resolveStatements(module, value, `local.policy_statements["${folder}"]`),
    );
  }
  return statements;
}

function resolveStatements(module: TerraformModule, value: unknown, where: string): Body[] {
  if (Array.isArray(value) && value.every(isBody)) return bodies(value);
  const local = /^\$\{local\.(\w+)\}$/.exec(typeof value === 'string' ? value.trim() : '')?.[1];
  if (local !== undefined) {
    return resolveStatements(module, module.locals.get(local)?.value, `local.${local}`);
  }
  throw new Error(
    `${module.label}: ${where} must be a list of statements or local.x, got ${JSON.stringify(value)}`,
  );
}

/**
 * Compares the IAM actions each function is granted with those its built bundle can send:
 * an action the code sends and the policy lacks (`IAM_ACTION_MISSING`: the call fails with
 * AccessDenied in production), an action the policy grants and the code never sends
 * (`IAM_ACTION_EXTRA`: least privilege), and a statement whose actions are not all of one
 * service or whose resources are not exactly that service's (`IAM_RESOURCE_SCOPE`).
 *
 * @example
 * ```ts
 * checkFunctionPermissions(module, [{ folder: 'post-confirmation', awsActions: manifest.awsActions }], {
 *   dynamodb: ['${aws_dynamodb_table.this.arn}'],
 *   'cognito-idp': ['${var.user_pool_arn}'],
 * });
 * ```
 */
export function checkFunctionPermissions(
  module: TerraformModule,
  triggers: readonly TriggerActions[],
  resources: ServiceResources,
): Finding[] {
  const policies = functionPolicyStatements(module);
  const file = module.locals.get('policy_statements')?.file ?? module.label;
  const findings: Finding[] = [];
  for (const trigger of triggers) {
    const where = `local.policy_statements["${trigger.folder}"]`;
    const statements = policies.get(trigger.folder);
    if (statements === undefined) {
      findings.push({
        check: Check.IamActionMissing,
        file,
        where,
        message: `no policy for ${trigger.folder}, whose bundle sends ${trigger.awsActions.join(', ') || 'nothing'}`,
      });
      continue;
    }
    const granted = new Set<string>();
    statements.forEach((statement, index) => {
      const actions = strings(statement.actions);
      for (const action of actions) granted.add(action);
      const scope = scopeProblem(actions, strings(statement.resources), resources);
      if (scope !== undefined) {
        findings.push({
          check: Check.IamResourceScope,
          file,
          where: `${where}[${index}]`,
          message: scope,
        });
      }
    });
    const sent = new Set(trigger.awsActions);
    for (const action of [...sent].sort()) {
      if (!granted.has(action)) {
        findings.push({
          check: Check.IamActionMissing,
          file,
          where,
          message: `${trigger.folder} sends ${action}, which its policy does not grant`,
        });
      }
    }
    for (const action of [...granted].sort()) {
      if (!sent.has(action)) {
        findings.push({
          check: Check.IamActionExtra,
          file,
          where,
          message: `the policy grants ${action}, which the ${trigger.folder} bundle never sends`,
        });
      }
    }
  }
  return findings;
}

function scopeProblem(
  actions: readonly string[],
  resources: readonly string[],
  allowed: ServiceResources,
): string | undefined {
  const services = [...new Set(actions.map((action) => action.split(':')[0] ?? action))];
  if (services.length !== 1) {
    return `one statement per service, got actions of ${services.join(', ') || 'none'}`;
  }
  const service = services[0] ?? '';
  const expected = allowed[service];
  if (expected === undefined) return `no resources are known for ${service} actions`;
  const same =
    resources.length === expected.length && resources.every((arn) => expected.includes(arn));
  return same
    ? undefined
    : `${service} actions must name exactly ${expected.join(', ')}, got ${resources.join(', ') || 'none'}`;
}

function strings(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined ? [] : [String(value)];
}
