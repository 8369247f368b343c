import { sharedConfig } from '../../vitest.shared.js';

export default sharedConfig({
  // End-to-end files start a whole stack (cognito-local, dynalite, function processes) first.
  hookTimeout: 30_000,
  testTimeout: 20_000,
});
