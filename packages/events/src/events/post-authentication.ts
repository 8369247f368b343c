import type { CognitoTriggerEventBase, NullableStringMap, StringMap } from './common.js';

/** Every `triggerSource` of the post authentication trigger. */
export const PostAuthenticationSource = {
  /** A user signed in: the password (or custom challenges) passed, tokens not yet issued. */
  Authentication: 'PostAuthentication_Authentication',
} as const;
export type PostAuthenticationSource =
  (typeof PostAuthenticationSource)[keyof typeof PostAuthenticationSource];

/**
 * The post authentication event: a user has just signed in. The response is empty, yet the
 * event must still be returned. Use it for audit trails and analytics, not for gating: by the
 * time it runs, the user has proved who they are (refuse sign-ins in pre authentication).
 *
 * `newDeviceUsed` is `true` when the user signed in from a device the pool has not seen (device
 * tracking on). `clientMetadata` is what the client passed to `RespondToAuthChallenge` /
 * `AdminRespondToAuthChallenge`; `InitiateAuth` never passes its `ClientMetadata` here.
 *
 * Replaces `PostAuthenticationTriggerEvent` of `@types/aws-lambda` because `clientMetadata` can be
 * `null`.
 *
 * @example
 * handle(event: PostAuthenticationTriggerEvent, { note }) {
 *   if (event.request.newDeviceUsed) note({ newDevice: true });
 * }
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-authentication.html
 */
export interface PostAuthenticationEvent<
  TSource extends PostAuthenticationSource = PostAuthenticationSource,
> extends CognitoTriggerEventBase<TSource> {
  request: {
    userAttributes: StringMap;
    newDeviceUsed: boolean;
    clientMetadata?: NullableStringMap;
  };
  response: Record<string, never>;
}

export type PostAuthenticationTriggerEvent = {
  [S in PostAuthenticationSource]: PostAuthenticationEvent<S>;
}[PostAuthenticationSource];
