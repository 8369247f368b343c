export {
  checkConventions,
  checkIam,
  checkTfvars,
} from './checks.js';
export {
  type ApplyTimeValues,
  checkEnvironmentContract,
  checkPolicyPassThrough,
  type FunctionEnvironment,
  functionEnvironments,
  renderEnvironment,
  type TriggerContract,
  variableValues,
} from './environment-contract.js';
export { TerraformParseError } from './errors.js';
export { Check, type Finding, formatFindings } from './findings.js';
export {
  checkFunctionPermissions,
  functionPolicyStatements,
  type ServiceResources,
  type TriggerActions,
} from './function-permissions.js';
export {
  type Body,
  bodies,
  type Declaration,
  findModuleDirs,
  loadModule,
  type NamedBlock,
  SHARED_ROOT_FILES_DIR,
  TERRAFORM_ROOT,
  type TerraformModule,
} from './hcl.js';
export {
  findTerraform,
  hasTerraformTests,
  MIRROR_CLI_CONFIG,
  PROVIDER_MIRROR,
  runTerraform,
  TerraformMissingError,
  type TerraformRun,
  terraformDataDir,
  terraformFolders,
} from './terraform-cli.js';
export { conformance, parseType, type TerraformType } from './types.js';
