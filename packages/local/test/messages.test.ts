import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstLine, latestMessage, readDeliveredMessages } from '../src/messages.js';

describe('delivered messages', () => {
  it('reads a delivery file line by line, and nothing from a file not yet written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'messages-'));
    try {
      const file = join(dir, 'messages.jsonl');
      expect(readDeliveredMessages(file)).toEqual([]);
      const first = { source: 'SignUp', destination: 'Ana@Example.com', code: '111111' };
      const second = { source: 'ForgotPassword', destination: 'ana@example.com', code: '222222' };
      await writeFile(file, `${JSON.stringify(first)}\n${JSON.stringify(second)}\n`);

      const messages = readDeliveredMessages(file);

      expect(messages).toHaveLength(2);
      expect(latestMessage(messages, 'ana@example.com')?.code).toBe('222222');
      expect(latestMessage(messages, 'ana@example.com', 'SignUp')?.code).toBe('111111');
      expect(latestMessage(messages, 'ben@example.com')).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('shows the first line of an HTML email as text', () => {
    const emailMessage =
      '<html><head><title>Code</title></head><body><div style="display:none">Your code&zwnj;&nbsp;&zwnj;</div><p>Hello &amp; welcome</p></body></html>';

    expect(firstLine({ emailMessage })).toBe('Your code');
    expect(firstLine({ smsMessage: 'Example: 123456' })).toBe('Example: 123456');
  });
});
