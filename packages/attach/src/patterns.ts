/**
 * What a user pool id looks like: real ones start with their region (`eu-west-1_AbC123`),
 * cognito-local's with `local_`.
 */
export const POOL_ID_PATTERN = /^[\w-]+_[0-9A-Za-z]+$/;

/** A Lambda function ARN, optionally with a version or alias. */
export const LAMBDA_ARN_PATTERN =
  /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]{1,64}(:[\w$-]+)?$/;

/** An attribute name as the pre sign-up trigger's `PROTECTED_ATTRIBUTES` takes it. */
export const ATTRIBUTE_NAME_PATTERN = /^[\w:.-]{1,32}$/;
