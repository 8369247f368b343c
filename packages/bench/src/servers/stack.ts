// The local stack (@cognito-triggers/local: dynalite, cognito-local, the invoke server running
// the built bundles) in a process of its own, for the end-to-end section: none of it runs in the
// process that times the journeys. Over IPC: sends `{ stack }` once up (or `{ failed }`), answers
// `messages` with the messages Cognito delivered, and stops when the parent goes away.
import { stackInfo, startStack } from '@cognito-triggers/local';

const send = (message: unknown) => process.send?.(message);
try {
  const stack = await startStack({ env: process.argv[2] ?? 'dev' });
  process.on('message', (message) => {
    if (message === 'messages') send({ messages: stack.messages() });
  });
  process.on('disconnect', () => void stack.stop().finally(() => process.exit(0)));
  send({ stack: stackInfo(stack) });
} catch (error) {
  send({ failed: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
