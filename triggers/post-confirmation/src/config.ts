import { defineConfig } from '@cognito-triggers/events';
import { tenancyVariables } from '@cognito-triggers/tenancy';

/**
 * The post confirmation trigger's environment: exactly the nine tenancy variables, which the
 * token trigger reads under the same names. Every variable is documented in the README.
 */
export const postConfirmationConfig = defineConfig({ ...tenancyVariables });

export type PostConfirmationConfig = ReturnType<typeof postConfirmationConfig.load>;
