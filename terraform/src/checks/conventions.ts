import { Check, type Finding } from '../findings.js';
import type { TerraformModule } from '../hcl.js';

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
