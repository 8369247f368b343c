import { type CustomMessageTriggerEvent, defineTrigger } from '@cognito-triggers/events';
import { customMessageConfig } from './config.js';
import { composeMessages } from './messages.js';

/**
 * Custom message: branded, localised email and SMS for every source, composed with the
 * configuration read at cold start. A source it does not know keeps the pool's own template.
 */
export const handler = defineTrigger({
  name: 'CustomMessage',
  config: customMessageConfig,
  handle(event: CustomMessageTriggerEvent, { note }, config) {
    const result = composeMessages(config, event);
    if (!result.composed) {
      note({ messages: 'pool-template', reason: result.reason });
      return;
    }
    note({ messages: 'custom', locale: result.locale });
    event.response.emailSubject = result.response.emailSubject;
    event.response.emailMessage = result.response.emailMessage;
    event.response.smsMessage = result.response.smsMessage;
  },
});
