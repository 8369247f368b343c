import {
  defineTrigger,
  PreAuthenticationSource,
  type PreAuthenticationTriggerEvent,
} from '@cognito-triggers/events';
import { checkSignIn } from './access.js';
import { preAuthenticationConfig } from './config.js';

/**
 * Pre authentication: refuses the sign-in of a member of a suspended tenant, or of a removed
 * member, before the password is checked. The store path (and with it the AWS SDK) is imported
 * only when `TENANT_TABLE_NAME` is set and the cache has no answer.
 */
export const handler = defineTrigger({
  name: 'PreAuthentication',
  config: preAuthenticationConfig,
  async handle(event: PreAuthenticationTriggerEvent, context, config) {
    switch (event.triggerSource) {
      case PreAuthenticationSource.Authentication:
        break;
      default:
        // A source AWS may add later: the check is about the user, not the source, so it
        // still applies (a suspended tenant stays refused).
        event.triggerSource satisfies never;
        context.note({ unknownSource: true });
    }
    await checkSignIn(event, context, config, () => import('./store.js'));
  },
});
