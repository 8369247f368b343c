import {
  type CustomMessageConfig,
  customMessageConfig,
  TFVARS_TO_ENVIRONMENT,
} from '@cognito-triggers/custom-message';
import { ConfigError } from '@cognito-triggers/events';
import { InputError } from '../command.js';
import { type PolicySource, readPolicyFile } from '../policy-file.js';

/** Where the messages' branding comes from: `--env NAME` or `--config FILE`. */
export type BrandingSource = Extract<PolicySource, { kind: 'env' | 'config' }>;

/** The custom message configuration, loaded through the trigger's own code, and its origin. */
export interface LoadedBranding {
  /** The tfvars file as shown in messages (relative to the repository root for `--env`). */
  readonly file: string;
  /** Exactly the environment Terraform would give the Lambda, with `--app-name` applied. */
  readonly environment: Readonly<Record<string, string>>;
  readonly config: CustomMessageConfig;
}

type TfvarsKey = keyof typeof TFVARS_TO_ENVIRONMENT;
const TFVARS_KEYS = Object.keys(TFVARS_TO_ENVIRONMENT) as TfvarsKey[];

/**
 * Reads an environment's `terraform.tfvars.json` as `check-email` does, builds the custom
 * message Lambda's environment from the trigger's `TFVARS_TO_ENVIRONMENT` map (every value a
 * string; `null` or absent leaves the variable unset), and loads it with `customMessageConfig`.
 * `appName` (`--app-name`) replaces `app_name`. Every failure names the file and the key.
 */
export async function loadBranding(
  source: BrandingSource,
  cwd: string,
  appName: string | undefined,
): Promise<LoadedBranding> {
  const { file, tfvars } = await readPolicyFile(source, cwd);
  const environment: Record<string, string> = {};
  for (const key of TFVARS_KEYS) {
    const value = tfvars[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      throw new InputError(`${file}: ${key}: expected a string, got ${kindOf(value)}`);
    }
    environment[TFVARS_TO_ENVIRONMENT[key]] = value;
  }
  if (appName !== undefined) environment.APP_NAME = appName;
  if (environment.APP_NAME === undefined || environment.APP_NAME.trim() === '') {
    throw new InputError(
      `${file}: app_name is not set: add it to the file, or pass --app-name NAME`,
    );
  }

  try {
    return { file, environment, config: customMessageConfig.load(environment) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const prefix = `${error.variable}: `;
    const reason = error.message.startsWith(prefix)
      ? error.message.slice(prefix.length)
      : error.message;
    const where =
      error.variable === 'APP_NAME' && appName !== undefined
        ? '--app-name'
        : `${file}: ${TFVARS_KEYS.find((key) => TFVARS_TO_ENVIRONMENT[key] === error.variable) ?? error.variable}`;
    throw new InputError(`${where}: ${reason}`, { cause: error });
  }
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}
