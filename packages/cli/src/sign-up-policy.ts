import { type PreSignUpConfig, preSignUpConfig, SETTINGS } from '@cognito-triggers/pre-signup';
import type { PolicySource } from './policy-file.js';
import {
  loadEnvironment,
  loadSettings,
  readSettings,
  settingsEnvironment,
} from './settings-file.js';

/** The pre sign-up policy, loaded through the trigger's own configuration code, and its origin. */
export interface LoadedPolicy {
  readonly source: PolicySource;
  /** The policy file as shown in messages (relative to the repository root for `--env`). */
  readonly file: string | undefined;
  /** Exactly the environment Terraform would give the Lambda (only the trigger's variables). */
  readonly environment: Readonly<Record<string, string>>;
  readonly config: PreSignUpConfig;
}

/**
 * The pre sign-up policy of `--allow`/`--block`, or of the "settings" object of a policy file
 * (the keys of the trigger's `SETTINGS`: `allowed_email_domains`, `blocked_email_domains`,
 * `protected_attributes`, `auto_confirm_users`; every other key is ignored).
 */
export async function loadPolicy(source: PolicySource, cwd: string): Promise<LoadedPolicy> {
  if (source.kind === 'inline') {
    const environment: Record<string, string> = { ALLOWED_EMAIL_DOMAINS: source.allow };
    if (source.block !== undefined) environment.BLOCKED_EMAIL_DOMAINS = source.block;
    const config = loadEnvironment(preSignUpConfig.load, environment, (variable) => ({
      label:
        variable === 'ALLOWED_EMAIL_DOMAINS'
          ? '--allow'
          : variable === 'BLOCKED_EMAIL_DOMAINS'
            ? '--block'
            : variable,
      given: true,
    }));
    return { source, file: undefined, environment, config };
  }

  const settings = await readSettings(source, cwd);
  const environment = settingsEnvironment(settings, SETTINGS);
  const config = loadSettings(settings, SETTINGS, preSignUpConfig.load, { environment });
  return { source, file: settings.file, environment, config };
}
