/** One event that no Cognito user pool sends, with what is wrong with it. */
export interface MalformedEvent {
  /** What is wrong with it, for a test's title: `request null`, `email a number`, … */
  readonly name: string;
  readonly event: unknown;
}

/**
 * Broken variants of a valid event, for tests that a trigger answers anything with a user-safe
 * message and one log line, never with an internal error: the whole event `null` or
 * `undefined`, `request` missing or `null`, `userAttributes` `null`, an email that is `null`, a
 * number, an array or an object, and `triggerSource` missing. Each call returns fresh copies.
 *
 * @example
 * it.each(malformedEvents(preSignUpEvent('PreSignUp_SignUp')))('survives $name', async ({ event }) => {
 *   await expect(handler(event as PreSignUpTriggerEvent)).rejects.toThrow(/^[A-Z_]+: /);
 * });
 */
export function malformedEvents(valid: object): MalformedEvent[] {
  const copy = () => structuredClone(valid) as Record<string, unknown>;
  const withRequest = (request: unknown) => ({ ...copy(), request });
  const withAttributes = (userAttributes: unknown) => {
    const event = copy();
    return { ...event, request: { ...(event.request as object), userAttributes } };
  };
  const withEmail = (email: unknown) => {
    const event = copy();
    const request = event.request as { userAttributes?: object };
    return withAttributes({ ...request.userAttributes, email });
  };
  const { triggerSource: _triggerSource, ...withoutSource } = copy();
  const { request: _request, ...withoutRequest } = copy();
  return [
    { name: 'the whole event null', event: null },
    { name: 'the whole event undefined', event: undefined },
    { name: 'request missing', event: withoutRequest },
    { name: 'request null', event: withRequest(null) },
    { name: 'userAttributes null', event: withAttributes(null) },
    { name: 'email null', event: withEmail(null) },
    { name: 'email a number', event: withEmail(42) },
    { name: 'email an array', event: withEmail(['ana@example.com']) },
    { name: 'email an object', event: withEmail({ address: 'ana@example.com' }) },
    { name: 'triggerSource missing', event: withoutSource },
  ];
}
