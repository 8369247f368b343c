import {
  type CustomMessageConfig,
  customMessageConfig,
  SETTINGS,
} from '@cognito-triggers/custom-message';
import { InputError } from '../command.js';
import type { PolicySource } from '../policy-file.js';
import { loadSettings, readSettings, settingsEnvironment } from '../settings-file.js';

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

/**
 * Reads an environment's `terraform.tfvars.json` as `check-email` does, builds the custom
 * message Lambda's environment from its "settings" object and the trigger's `SETTINGS` table
 * (every value a string; `null` or absent leaves the variable unset), and loads it with
 * `customMessageConfig`. `appName` (`--app-name`) replaces `settings.app_name`. Every failure
 * names the file and the key.
 */
export async function loadBranding(
  source: BrandingSource,
  cwd: string,
  appName: string | undefined,
): Promise<LoadedBranding> {
  const settings = await readSettings(source, cwd);
  const { file } = settings;
  const environment = settingsEnvironment(settings, SETTINGS);
  if (appName !== undefined) environment.APP_NAME = appName;
  if (environment.APP_NAME === undefined || environment.APP_NAME.trim() === '') {
    throw new InputError(
      `${file}: settings.app_name is not set: add it to the file, or pass --app-name NAME`,
    );
  }
  const config = loadSettings(settings, SETTINGS, customMessageConfig.load, {
    environment,
    ...(appName === undefined ? {} : { overrides: { APP_NAME: '--app-name' } }),
  });
  return { file, environment, config };
}
