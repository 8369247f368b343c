export {
  checkConventions,
  checkIam,
  checkReferences,
  checkSchema,
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
  type ArgumentSchema,
  type BlockSchema,
  loadProviderSchema,
  PROVIDER_SCHEMA_PATH,
  type ProviderSchema,
  type TypeSchema,
} from './provider-schema.js';
export { conformance, parseType, type TerraformType } from './types.js';
