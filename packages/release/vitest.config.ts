import { sharedConfig } from '../../vitest.shared.js';

export default sharedConfig({
  // Packing four packages, an npm install from the tarballs and three type checks.
  hookTimeout: 240_000,
  testTimeout: 60_000,
});
