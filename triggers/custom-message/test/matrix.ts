import { CustomMessageLimits, type CustomMessageTriggerEvent } from '@cognito-triggers/events';
import { ALL_SOURCES, customMessageEvent } from '@cognito-triggers/events/testing';
import {
  type CustomMessageConfig,
  composeMessages,
  customMessageConfig,
  LOCALES,
  type Locale,
  MAX_APP_NAME_LENGTH,
  MAX_URL_LENGTH,
  type MessageResponse,
} from '../src/index.js';

/** Every source of the trigger with every shipped locale: the guarantees hold for each pair. */
export const MATRIX = ALL_SOURCES.customMessage.flatMap((source) =>
  LOCALES.map((locale) => [source, locale] as const),
);

/** The two channels a message goes out on, and what of the response each one sends. */
export const CHANNELS = {
  email: (response: MessageResponse) => `${response.emailSubject}\n${response.emailMessage}`,
  sms: (response: MessageResponse) => response.smsMessage,
} as const;
export const CHANNEL_NAMES = Object.keys(CHANNELS) as (keyof typeof CHANNELS)[];

export const config = (environment: Record<string, string> = {}): CustomMessageConfig =>
  customMessageConfig.load({ APP_NAME: 'Acme', ...environment });

const url = (prefix: string, fill: string) =>
  `${prefix}${fill.repeat(MAX_URL_LENGTH - prefix.length)}`;

/**
 * The configuration that makes messages longest: the longest app name, of the character that
 * escapes longest, every optional value set and as long as allowed.
 */
export const LONGEST_CONFIG = {
  APP_NAME: '"'.repeat(MAX_APP_NAME_LENGTH),
  SUPPORT_EMAIL: `${'s'.repeat(64)}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(61)}`,
  LOGO_URL: url('https://cdn.example.com/logo.png?', '&'),
  APP_URL: url('https://app.example.com/?', '&'),
  VERIFY_LINK_URL: url('https://app.example.com/verify?c={code}&e={email}', '&'),
} as const;

/** Prose that must come out as text wherever a user value is shown. */
export const PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'] as const;

/** A custom message event of `source` for a user whose `locale` attribute is `locale`. */
export function eventFor(
  source: CustomMessageTriggerEvent['triggerSource'],
  locale: string | undefined,
  options: Parameters<typeof customMessageEvent>[1] = {},
): CustomMessageTriggerEvent {
  const event = customMessageEvent(source, options);
  if (locale !== undefined) event.request.userAttributes.locale = locale;
  return event as CustomMessageTriggerEvent;
}

/** Composes and insists that a message was composed. */
export function compose(
  configuration: CustomMessageConfig,
  event: CustomMessageTriggerEvent,
): MessageResponse & { locale: Locale } {
  const result = composeMessages(configuration, event);
  if (!result.composed) throw new Error(`not composed: ${result.reason}`);
  return { ...result.response, locale: result.locale };
}

export const LIMITS = CustomMessageLimits;

/**
 * What Cognito has been seen to require of a message: letters, marks, symbols, numbers,
 * punctuation and white space around the code (reported InvalidParameterException
 * "Member must satisfy regular expression pattern"), with white space as Java reads `\s`.
 */
export const COGNITO_MESSAGE_TEXT = /^[\p{L}\p{M}\p{S}\p{N}\p{P} \t\n\v\f\r]*$/u;
