import {
  type CustomMessageEvent,
  CustomMessageLimits,
  CustomMessageSource,
} from '@cognito-triggers/events';
import type { SourceKey } from './catalog.js';
import type { CustomMessageConfig } from './config.js';
import { type EmailView, renderEmail } from './layout.js';
import { CATALOGS, type Locale, resolveLocale } from './locale.js';
import { encodeUriPart, fillText, userText } from './text.js';

/** The longest user name shown in an email (given name, name or preferred user name). */
export const MAX_SHOWN_NAME_LENGTH = 64;
/** The longest email address shown (RFC 5321's limit). */
export const MAX_SHOWN_EMAIL_LENGTH = 254;
/**
 * The longest URL-encoded email address put into a verification link: 254 characters, each
 * encoded as `%XX`. A longer one (internationalised addresses encode to up to 9 characters per
 * character) is left out of the link, so that the email stays within its limit.
 */
export const MAX_LINK_EMAIL_LENGTH = 762;

/** The three fields of `event.response`, all set. */
export interface MessageResponse {
  readonly emailSubject: string;
  readonly emailMessage: string;
  readonly smsMessage: string;
}

/** Why the pool's own template is left in place. */
export const SkipReason = {
  /** A `triggerSource` this version does not know (Cognito may add some). */
  UnknownSource: 'unknown-source',
  /**
   * `codeParameter` (or `usernameParameter` of an invitation) is missing, or holds characters
   * that HTML would escape: the message could not carry it byte for byte.
   */
  UnusablePlaceholder: 'unusable-placeholder',
} as const;
export type SkipReason = (typeof SkipReason)[keyof typeof SkipReason];

export type ComposeResult =
  | {
      readonly composed: true;
      readonly source: SourceKey;
      readonly locale: Locale;
      readonly response: MessageResponse;
    }
  | { readonly composed: false; readonly reason: SkipReason };

/** What {@link composeMessages} reads of an event. */
export interface MessageRequest {
  readonly triggerSource: string;
  readonly request: Pick<
    CustomMessageEvent['request'],
    'userAttributes' | 'codeParameter' | 'usernameParameter'
  >;
}

/**
 * Composes the email subject, the HTML email and the SMS for a custom message event. Pure: the
 * Lambda and `cognito-triggers preview-messages` both run it.
 *
 * - The code is `request.codeParameter`, byte for byte (Cognito replaces it with the code);
 *   invitations also carry `request.usernameParameter`.
 * - The locale comes from the user's `locale` attribute, through its fallback chain.
 * - Every user value is escaped and bounded: subject and SMS hold none, and stay within 140
 *   characters; the email within 20,000.
 * - Never throws for any attributes: a missing name, email or locale has its own wording.
 *
 * @example
 * const result = composeMessages(config, customMessageEvent('CustomMessage_SignUp'));
 * if (result.composed) Object.assign(event.response, result.response);
 */
export function composeMessages(config: CustomMessageConfig, event: MessageRequest): ComposeResult {
  const source = sourceKey(event.triggerSource);
  if (source === undefined) return { composed: false, reason: SkipReason.UnknownSource };
  const { userAttributes, codeParameter: code, usernameParameter } = event.request;
  const attributes = userAttributes ?? {};
  const username = source === 'AdminCreateUser' ? usernameParameter : undefined;
  if (!isUsablePlaceholder(code) || (username !== undefined && !isUsablePlaceholder(username))) {
    return { composed: false, reason: SkipReason.UnusablePlaceholder };
  }

  const locale = resolveLocale(attributes.locale, config.defaultLocale);
  const catalog = CATALOGS[locale];
  const text = catalog.messages[source];
  const app = config.appName;
  const email = attributes.email;
  const placeholders = { app, code, username: username ?? '' };

  const boxes: EmailView['boxes'] =
    username === undefined
      ? [{ label: catalog.codeLabel, value: code }]
      : [
          { label: catalog.usernameLabel, value: username },
          { label: catalog.passwordLabel, value: code },
        ];
  const subject = fit(fillText(text.subject, placeholders), CustomMessageLimits.emailSubject);
  const emailMessage = renderEmail(
    {
      locale,
      catalog,
      text,
      subject,
      name: [attributes.given_name, attributes.name, attributes.preferred_username]
        .map((value) => userText(value, MAX_SHOWN_NAME_LENGTH))
        .find((value) => value !== undefined),
      email: userText(email, MAX_SHOWN_EMAIL_LENGTH),
      boxes,
      button: button(config, source, code, email, catalog),
    },
    config,
  );

  let smsMessage = fillText(text.sms, placeholders);
  // Only a codeParameter far longer than Cognito's own could get here: the code alone still works.
  if (smsMessage.length > CustomMessageLimits.smsMessage) {
    smsMessage = username === undefined ? code : `${username} ${code}`;
  }

  return {
    composed: true,
    source,
    locale,
    response: {
      emailSubject: subject,
      // Unreachable with a valid configuration (the tests render the longest one); should a
      // future layout overflow, a short message with the code beats a rejected one.
      emailMessage:
        emailMessage.length <= CustomMessageLimits.emailMessage ? emailMessage : smsMessage,
      smsMessage,
    },
  };
}

/**
 * `SignUp` for `CustomMessage_SignUp`; `undefined` for a source this version does not know.
 *
 * @example
 * sourceKey('CustomMessage_ForgotPassword') // 'ForgotPassword'
 */
export function sourceKey(triggerSource: string): SourceKey | undefined {
  const key = triggerSource.replace(/^CustomMessage_/, '');
  return Object.hasOwn(CustomMessageSource, key) &&
    CustomMessageSource[key as SourceKey] === triggerSource
    ? (key as SourceKey)
    : undefined;
}

function button(
  config: CustomMessageConfig,
  source: SourceKey,
  code: string,
  email: string | undefined,
  catalog: EmailView['catalog'],
): EmailView['button'] {
  switch (source) {
    case 'SignUp':
    case 'ResendCode': {
      if (config.verifyLinkUrl === undefined) return undefined;
      // The code goes in verbatim, for Cognito to replace; the email is a URL component, and left
      // out when it could not be one, or would be too long.
      const encoded = email === undefined ? undefined : encodeUriPart(email);
      const address =
        encoded !== undefined && encoded.length <= MAX_LINK_EMAIL_LENGTH ? encoded : '';
      const href = config.verifyLinkUrl.replace(/\{(code|email)\}/g, (_, name: string) =>
        name === 'code' ? code : address,
      );
      return { label: catalog.verifyButton, href };
    }
    case 'AdminCreateUser':
      return config.appUrl === undefined
        ? undefined
        : { label: fillText(catalog.signInButton, { app: config.appName }), href: config.appUrl };
    case 'ForgotPassword':
    case 'UpdateUserAttribute':
    case 'VerifyUserAttribute':
    case 'Authentication':
      return undefined;
    default:
      return source satisfies never;
  }
}

/**
 * Cognito's placeholders (`{####}`, `{username}`) must reach the message byte for byte, also
 * inside HTML: so nothing HTML escapes, no white space, and a sane length.
 */
function isUsablePlaceholder(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^[^\p{C}\p{Z}\s&<>"']{1,64}$/u.test(value);
}

/** Cuts plain text to `limit` characters with an ellipsis; never inside a surrogate pair. */
function fit(text: string, limit: number): string {
  return text.length <= limit ? text : (userText(text, limit) ?? '');
}
