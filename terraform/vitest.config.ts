import { sharedConfig } from '../vitest.shared.js';

export default sharedConfig({
  // Each terraform process loads the AWS provider's schema (seconds of CPU): two at a time
  // keep a two-core machine responsive for the timing-sensitive tests of other packages.
  maxConcurrency: 2,
});
