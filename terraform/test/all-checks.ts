import {
  checkConventions,
  checkIam,
  checkReferences,
  checkSchema,
  type Finding,
  loadProviderSchema,
  type TerraformModule,
} from '../src/index.js';

const schema = loadProviderSchema();

/** Every check that applies to any module (the tfvars and contract checks need more input). */
export async function checkModule(module: TerraformModule): Promise<Finding[]> {
  return [
    ...(await checkSchema(module, await schema)),
    ...(await checkReferences(module, await schema)),
    ...checkIam(module),
    ...checkConventions(module),
  ];
}

/**
 * `${expression}`: an HCL expression the way hcl2json renders it, so that expectations read like
 * the Terraform they check.
 */
export function tf(expression: string): string {
  return `\${${expression}}`;
}
