/** User attributes and metadata: Cognito sends every value as a string (`"email_verified": "true"`). */
export type StringMap = Record<string, string>;

/**
 * A map of strings that Cognito may send as `null` (for example `validationData` and
 * `clientMetadata` when the API call carried none).
 *
 * Replaces `@types/aws-lambda`, which types these fields as `StringMap | undefined` only.
 */
export type NullableStringMap = StringMap | null | undefined;

/**
 * What every Cognito user pool trigger event carries.
 *
 * Differs from `BaseTriggerEvent` of `@types/aws-lambda` in two places, both seen in real events:
 * `version` may be a number in older events (AWS's own early samples), and `userName` is absent
 * for machine-to-machine tokens (`TokenGeneration_ClientCredentials`).
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
 */
export interface CognitoTriggerEventBase<TSource extends string> {
  version: string | number;
  region: string;
  userPoolId: string;
  triggerSource: TSource;
  userName: string;
  callerContext: {
    awsSdkVersion: string;
    clientId: string;
  };
}

/** A JSON value, as V2/V3 pre token generation accepts for claim values. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };
