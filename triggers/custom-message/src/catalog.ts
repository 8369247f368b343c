import type { CustomMessageSource } from '@cognito-triggers/events';

/** A source's short name, as catalogs key it: `SignUp` for `CustomMessage_SignUp`. */
export type SourceKey = keyof typeof CustomMessageSource;

/**
 * The words of one message. Placeholders in braces are filled in by the layout code: `{app}`
 * (APP_NAME) everywhere, `{code}` and `{username}` where the key's comment names them. The layout,
 * the code box, the button and the escaping are code, not text: translators edit strings only.
 */
export interface MessageText {
  /**
   * Email subject, plain text, `{app}`; also the email's heading. At most 90 characters besides
   * `{app}`.
   */
  readonly subject: string;
  /**
   * The paragraph above the code, `{app}`. Also the preheader: the preview line mail clients
   * show after the subject.
   */
  readonly body: string;
  /**
   * The SMS: must contain `{code}` (and `{username}` for `AdminCreateUser`), `{app}`. At most 80
   * characters besides the placeholders: Cognito refuses an SMS over 140 characters. Keep to
   * the GSM 7-bit alphabet where you can: other characters halve what one SMS segment holds.
   */
  readonly sms: string;
}

/**
 * Everything a locale says, one file per locale in `src/locales/`. Typed: a locale file that
 * misses a key, or a message of a source, fails the type check.
 */
export interface Catalog {
  readonly messages: Readonly<Record<SourceKey, MessageText>>;
  /** `{name}`: the user's given name (or name, or preferred user name). */
  readonly greeting: string;
  /** When the user has no name. */
  readonly greetingAnonymous: string;
  /** Above the code. */
  readonly codeLabel: string;
  /** Above the user name of an invitation (`AdminCreateUser`). */
  readonly usernameLabel: string;
  /** Above the temporary password of an invitation. */
  readonly passwordLabel: string;
  /** The verification link's button (sign-up and resend, with VERIFY_LINK_URL). */
  readonly verifyButton: string;
  /** The invitation's button to the app (with APP_URL), `{app}`. */
  readonly signInButton: string;
  /** Above the button's link written out, for clients that show no button. */
  readonly linkFallback: string;
  /** For whoever receives a message meant for someone else. */
  readonly ignoreNotice: string;
  /** Footer, `{email}`: the address the email went to. */
  readonly sentTo: string;
  /** Footer, `{support}`: SUPPORT_EMAIL, as a link. */
  readonly support: string;
}
