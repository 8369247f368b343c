export { checkConventions } from './checks/conventions.js';
export { checkIam } from './checks/iam.js';
export { checkTfvars } from './checks/tfvars.js';
export { TerraformParseError } from './errors.js';
export { Check, type Finding, formatFindings } from './findings.js';
export {
  type Body,
  bodies,
  type Declaration,
  findModuleDirs,
  loadModule,
  type NamedBlock,
  TERRAFORM_ROOT,
  type TerraformModule,
} from './hcl.js';
export {
  findTerraform,
  hasTerraformTests,
  MIRROR_CLI_CONFIG,
  type PlannedOutputs,
  type PlannedResource,
  PROVIDER_MIRROR,
  planSuite,
  runTerraform,
  type SuitePlan,
  type SuitePlanOptions,
  TerraformMissingError,
  type TerraformRun,
  terraformDataDir,
  terraformFolders,
} from './terraform-cli.js';
export { conformance, parseType, type TerraformType } from './types.js';
