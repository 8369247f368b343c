import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Check, type Finding } from '../findings.js';
import type { TerraformModule } from '../hcl.js';
import { conformance, parseType } from '../types.js';

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
