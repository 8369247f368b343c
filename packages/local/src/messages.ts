import { readFileSync } from 'node:fs';

/**
 * One message as the Cognito emulator delivered it: what a user would find in their inbox
 * (or on their phone), with the code already in place.
 */
export interface DeliveredMessage {
  /** ISO 8601 time of delivery. */
  readonly deliveredAt: string;
  /**
   * What made Cognito send it, as in the custom message trigger's source without its prefix:
   * `SignUp`, `AdminCreateUser`, `ForgotPassword`, `UpdateUserAttribute`,
   * `VerifyUserAttribute`, `Authentication`, `ResendCode`.
   */
  readonly source: string;
  readonly medium: 'EMAIL' | 'SMS';
  readonly userPoolId: string;
  /** The app client of the request; null for admin calls (`AdminCreateUser`). */
  readonly clientId: string | null;
  /** The pool's username (with email as username, the user's `sub`). */
  readonly username: string;
  /** The email address or phone number. */
  readonly destination: string;
  /** The code the emulator generated; for `AdminCreateUser`, the temporary password. */
  readonly code: string;
  /** Absent when no custom message function answered (cognito-local swallows its errors). */
  readonly emailSubject?: string;
  readonly emailMessage?: string;
  readonly smsMessage?: string;
}

/**
 * Every message recorded in a delivery file (JSON lines, appended by the emulator before the
 * API call that sent it answers), oldest first. A missing file means none yet.
 *
 * @example
 * const code = readDeliveredMessages(file).findLast((m) => m.destination === email)?.code;
 */
export function readDeliveredMessages(file: string): DeliveredMessage[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as DeliveredMessage);
}

// What a glance needs; any other entity (zero-width joiners of a preheader, …) is dropped.
const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
};

/**
 * The text of a message for a glance: the email body without markup (or the SMS), first
 * non-empty line.
 *
 * @example
 * firstLine({ emailMessage: '<h1>Welcome</h1><p>Your code is 123456</p>' }); // 'Welcome'
 */
export function firstLine(message: Pick<DeliveredMessage, 'emailMessage' | 'smsMessage'>): string {
  const text = message.emailMessage ?? message.smsMessage ?? '';
  const plain = text
    .replace(/<(style|script|head|title)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|h\d|li|tr|td|table)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(
      /&(#\d+|#x[\da-f]+|[a-z]+);/gi,
      (_entity, name: string) => ENTITIES[name.toLowerCase()] ?? '',
    );
  return (
    plain
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .find((line) => line.length > 0) ?? ''
  );
}

/**
 * The most recent message to `destination` (an email address, any case), optionally of one
 * source: where a test or the demo reads a code.
 *
 * @example
 * const code = latestMessage(stack.messages(), 'ana@example.com', 'SignUp')?.code;
 */
export function latestMessage(
  messages: readonly DeliveredMessage[],
  destination: string,
  source?: string,
): DeliveredMessage | undefined {
  const wanted = destination.toLowerCase();
  return messages.findLast(
    (message) =>
      message.destination.toLowerCase() === wanted &&
      (source === undefined || message.source === source),
  );
}
