export { CHECKSUM_FILE, type CollectedArtifacts, collectArtifacts } from './artifacts.js';
export { awsActions, IAM_SERVICE_PREFIXES } from './aws-actions.js';
export { bundleTrigger } from './bundle.js';
export { main } from './cli.js';
export {
  type AwsSdkMode,
  type LazyTriggerConfig,
  readTriggerConfig,
  type SingleFileTriggerConfig,
  type TriggerConfig,
} from './config.js';
export { BundleError } from './errors.js';
export { floorBytes, runEsbuild } from './esbuild.js';
export { LAMBDA_HANDLER, LAMBDA_RUNTIME } from './layout.js';
export {
  type BuiltTrigger,
  type InputSize,
  listBuiltTriggers,
  type Manifest,
  readManifest,
  verifyZip,
} from './manifest.js';
export { formatBuildLine, formatKB, formatSummary } from './report.js';
export { base64Sha256, createReproducibleZip, writeReproducibleZip, type ZipEntry } from './zip.js';
