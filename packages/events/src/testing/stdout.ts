type Write = typeof process.stdout.write;

// Every capture in progress: one replaced `write` feeds them all, and the real one comes back
// when the last of them stops.
const captures = new Set<string[]>();
let realWrite: Write | undefined;

/** What was written to stdout while a capture ran; nothing of it reached the real stdout. */
export interface StdoutCapture {
  /** The chunks written, in order, as text. */
  readonly chunks: readonly string[];
  /** Stops capturing; the last capture to stop gives stdout back. */
  stop(): void;
}

/**
 * Captures (and silences) what is written to `process.stdout` from now until `stop()`. Captures
 * may overlap: each sees every chunk written while it runs.
 */
export function captureStdout(): StdoutCapture {
  const chunks: string[] = [];
  if (captures.size === 0) {
    realWrite = process.stdout.write;
    process.stdout.write = capturingWrite as Write;
  }
  captures.add(chunks);
  return {
    chunks,
    stop() {
      if (!captures.delete(chunks) || captures.size > 0 || realWrite === undefined) return;
      process.stdout.write = realWrite;
      realWrite = undefined;
    },
  };
}

function capturingWrite(chunk: string | Uint8Array): boolean {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  for (const chunks of captures) chunks.push(text);
  return true;
}
