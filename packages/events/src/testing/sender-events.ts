import {
  type CustomEmailSenderEvent,
  CustomEmailSenderSource,
  CustomSenderRequestType,
  type CustomSmsSenderEvent,
} from '../events/custom-sender.js';
import { attributes, type BuildOptions, base, SAMPLE } from './events.js';

type CustomEmailSenderEventFor<TSource> = TSource extends CustomEmailSenderEvent['triggerSource']
  ? CustomEmailSenderEvent<TSource>
  : never;
type CustomSmsSenderEventFor<TSource> = TSource extends CustomSmsSenderEvent['triggerSource']
  ? CustomSmsSenderEvent<TSource>
  : never;

export interface CustomSenderOptions extends BuildOptions {
  /** The encrypted code; {@link SAMPLE}`.encryptedCode` (not decryptable) by default. */
  code?: string;
}

// Where a user stands when each kind of message goes out.
function userStatus(source: string): string {
  if (source.endsWith('_SignUp') || source.endsWith('_ResendCode')) return 'UNCONFIRMED';
  if (source.endsWith('_AdminCreateUser')) return 'FORCE_CHANGE_PASSWORD';
  return 'CONFIRMED';
}

// Cognito names no app client for an administrator's call.
const clientFor = (source: string, options: BuildOptions): BuildOptions =>
  source.endsWith('_AdminCreateUser') && options.clientId === undefined
    ? { ...options, clientId: 'CLIENT_ID_NOT_APPLICABLE' }
    : options;

/**
 * A custom email sender event, as captured from Cognito: no `response`, `clientMetadata: null`,
 * `request.code` an encrypted code, except for `CustomEmailSender_AccountTakeOverNotification`,
 * whose code is `null` and whose attributes carry the risky sign-in (`EVENT_ID`, `IP_ADDRESS`,
 * `ACCOUNT_TAKE_OVER_ACTION`, the one-click links, …).
 */
export function customEmailSenderEvent<TSource extends CustomEmailSenderEvent['triggerSource']>(
  source: TSource,
  options: CustomSenderOptions = {},
): CustomEmailSenderEventFor<TSource> {
  const takeover = source === CustomEmailSenderSource.AccountTakeOverNotification;
  const user = attributes(options, {
    sub: SAMPLE.sub,
    'cognito:user_status': userStatus(source),
    email_verified: source.endsWith('_SignUp') ? 'false' : 'true',
  });
  return {
    ...base(source, clientFor(source, options)),
    request: {
      type: CustomSenderRequestType.email,
      code: takeover ? null : (options.code ?? SAMPLE.encryptedCode),
      clientMetadata: options.clientMetadata === undefined ? null : options.clientMetadata,
      userAttributes: takeover ? { ...takeoverDetails(options), ...user } : user,
    },
  } as CustomEmailSenderEventFor<TSource>;
}

function takeoverDetails(options: BuildOptions) {
  const link = 'https://cognito-idp.eu-west-1.amazonaws.com/feedback?token=example';
  return {
    EVENT_ID: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
    USER_NAME: options.userName ?? SAMPLE.sub,
    IP_ADDRESS: '192.0.2.10',
    ACCOUNT_TAKE_OVER_ACTION: 'BLOCK',
    ONE_CLICK_LINK_VALID: `${link}&valid=true`,
    ONE_CLICK_LINK_INVALID: `${link}&valid=false`,
    LOGIN_TIME: '2025-01-01T12:00:00Z',
    FEEDBACK_TOKEN: 'example-feedback-token',
    CITY: 'Lisbon',
    COUNTRY: 'Portugal',
    DEVICE_NAME: 'Firefox on Linux',
  };
}

/**
 * A custom SMS sender event, as captured from Cognito: no `response`, `clientMetadata: null`,
 * `request.code` an encrypted code, and a verified `phone_number` among the attributes.
 */
export function customSmsSenderEvent<TSource extends CustomSmsSenderEvent['triggerSource']>(
  source: TSource,
  options: CustomSenderOptions = {},
): CustomSmsSenderEventFor<TSource> {
  return {
    ...base(source, clientFor(source, options)),
    request: {
      type: CustomSenderRequestType.sms,
      code: options.code ?? SAMPLE.encryptedCode,
      clientMetadata: options.clientMetadata === undefined ? null : options.clientMetadata,
      userAttributes: attributes(options, {
        sub: SAMPLE.sub,
        'cognito:user_status': userStatus(source),
        phone_number: SAMPLE.phoneNumber,
        phone_number_verified: source.endsWith('_SignUp') ? 'false' : 'true',
      }),
    },
  } as CustomSmsSenderEventFor<TSource>;
}
