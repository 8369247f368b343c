export { CHECKSUM_FILE, type CollectedArtifacts, collectArtifacts } from './artifacts.js';
export { awsActions, IAM_SERVICE_PREFIXES } from './aws-actions.js';
export {
  bundleTrigger,
  ESBUILD_OPTIONS,
  floorBytes,
  LAMBDA_HANDLER,
  LAMBDA_RUNTIME,
  REQUIRE_BANNER,
} from './bundle.js';
export type { CliIo } from './cli.js';
export { EXIT, main } from './cli.js';
export {
  type AwsSdkMode,
  type LazyTriggerConfig,
  readTriggerConfig,
  type SingleFileTriggerConfig,
  type TriggerConfig,
} from './config.js';
export { BundleError } from './errors.js';
export {
  type BuiltTrigger,
  findWorkspaceRoot,
  type InputSize,
  listBuiltTriggers,
  type Manifest,
  readManifest,
  verifyZip,
} from './manifest.js';
export { formatBuildLine, formatKB, formatSummary } from './report.js';
export { base64Sha256, createReproducibleZip, writeReproducibleZip, type ZipEntry } from './zip.js';
