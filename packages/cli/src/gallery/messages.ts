import {
  type CustomMessageConfig,
  composeMessages,
  LOCALES,
  type Locale,
  type MessageRequest,
  type MessageResponse,
} from '@cognito-triggers/custom-message';
import {
  CUSTOM_MESSAGE_SOURCES,
  CustomMessageLimits,
  CustomMessagePlaceholders,
  CustomMessageSource,
} from '@cognito-triggers/events';

/** The user every preview is written to: a name, an email, and each locale in turn. */
export const PREVIEW_USER = {
  given_name: 'Ana',
  name: 'Ana García',
  email: 'ana@example.com',
} as const;

/** One rendered message of the gallery. */
export interface PreviewMessage {
  readonly source: CustomMessageSource;
  readonly locale: Locale;
  readonly response: MessageResponse;
  /** The page of the email, relative to the gallery: `email/SignUp.de.html`. */
  readonly page: string;
  /** The email's HTML as Cognito would send it: `raw/SignUp.de.html`. */
  readonly raw: string;
}

/**
 * Renders every source of the event types ({@link CUSTOM_MESSAGE_SOURCES}) in every shipped
 * locale with the trigger's own `composeMessages`, exactly as the Lambda would for a user with
 * that `locale`. `progress` is called after each message.
 */
export function renderPreviews(
  config: CustomMessageConfig,
  progress: (done: number, total: number) => void = () => undefined,
): PreviewMessage[] {
  const pairs = CUSTOM_MESSAGE_SOURCES.flatMap((source) =>
    LOCALES.map((locale) => [source, locale] as const),
  );
  return pairs.map(([source, locale], index) => {
    const result = composeMessages(config, previewRequest(source, locale));
    if (!result.composed) {
      throw new Error(`${source} in ${locale} was not composed: ${result.reason}`);
    }
    progress(index + 1, pairs.length);
    const name = `${source.replace(/^CustomMessage_/, '')}.${locale}.html`;
    return { source, locale, response: result.response, page: `email/${name}`, raw: `raw/${name}` };
  });
}

/**
 * What Cognito sends the trigger for `source` and a user with `locale`: its placeholders where
 * the code (and, in an invitation, the user name) will go.
 */
function previewRequest(source: CustomMessageSource, locale: Locale): MessageRequest {
  return {
    triggerSource: source,
    request: {
      userAttributes: { ...PREVIEW_USER, locale },
      codeParameter: CustomMessagePlaceholders.code,
      usernameParameter:
        source === CustomMessageSource.AdminCreateUser ? CustomMessagePlaceholders.username : null,
    },
  };
}

/** How close a length is to Cognito's limit: a warning from 90 % on. */
export type LimitLevel = 'ok' | 'near' | 'over';

export interface LimitUsage {
  readonly length: number;
  readonly limit: number;
  readonly level: LimitLevel;
}

/** The share of a limit used, `near` at 90 % or more, `over` past it. */
export function limitUsage(length: number, limit: number): LimitUsage {
  const level = length > limit ? 'over' : length >= limit * 0.9 ? 'near' : 'ok';
  return { length, limit, level };
}

/** The three lengths of a message against their limits. */
export function usageOf(response: MessageResponse): Record<keyof MessageResponse, LimitUsage> {
  return {
    emailSubject: limitUsage(response.emailSubject.length, CustomMessageLimits.emailSubject),
    smsMessage: limitUsage(response.smsMessage.length, CustomMessageLimits.smsMessage),
    emailMessage: limitUsage(response.emailMessage.length, CustomMessageLimits.emailMessage),
  };
}
