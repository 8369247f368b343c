/** The SDK's per-call options for the trigger's deadline signal. */
export function callOptions(signal: AbortSignal | undefined) {
  return signal === undefined ? {} : { abortSignal: signal };
}
