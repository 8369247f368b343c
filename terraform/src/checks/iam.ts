import { Check, type Finding } from '../findings.js';
import { type Body, bodies, isBody, type TerraformModule } from '../hcl.js';

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

/** Every value under `root`, with its path (`.statement[0].actions`). */
function* walk(root: unknown, path = ''): Generator<[string, unknown]> {
  yield [path, root];
  if (Array.isArray(root)) {
    for (const [index, item] of root.entries()) yield* walk(item, `${path}[${index}]`);
  } else if (isBody(root)) {
    for (const [key, value] of Object.entries(root)) yield* walk(value, `${path}.${key}`);
  }
}
