import { inject } from 'vitest';
import { createTenantVerifier, type TenantVerifierOptions } from '../../src/index.js';

/**
 * A verifier of the emulator's ID tokens for its web client: this package's test pools record
 * pre token generation `V1_0`, which puts the tenant claims in the ID token only.
 */
export function emulatorIdVerifier(options: Partial<TenantVerifierOptions> = {}) {
  const emulator = inject('emulator');
  return createTenantVerifier({
    userPoolId: emulator.userPoolId,
    clientId: emulator.clientId,
    tokenUse: 'id',
    emulator: { endpoint: emulator.endpoint },
    ...options,
  });
}
