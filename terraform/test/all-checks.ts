import { checkConventions, checkIam, type Finding, type TerraformModule } from '../src/index.js';

/**
 * The checks of our own that apply to any module, for what Terraform cannot say: IAM wildcards,
 * and the conventions (`terraform validate` checks arguments, types and references itself).
 */
export function checkModule(module: TerraformModule): Finding[] {
  return [...checkIam(module), ...checkConventions(module)];
}

/**
 * `${expression}`: an HCL expression the way hcl2json renders it, so that expectations read like
 * the Terraform they check.
 */
export function tf(expression: string): string {
  return `\${${expression}}`;
}
