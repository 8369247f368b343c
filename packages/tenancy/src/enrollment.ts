/**
 * How a verified user of an email domain may enter its tenant (the environment's policy, per
 * domain, with a default):
 *
 * - `open`: the first verified user of the domain creates the tenant and is its admin; later
 *   ones join as members;
 * - `join`: the tenant must exist (an operator created it); verified users join as members, and
 *   nobody becomes admin by signing up;
 * - `invite`: only invitations enter; a verified sign-up gets tokens without tenant claims.
 */
export const EnrollmentMode = {
  Open: 'open',
  Join: 'join',
  Invite: 'invite',
} as const;
export type EnrollmentMode = (typeof EnrollmentMode)[keyof typeof EnrollmentMode];

export const ENROLLMENT_MODES: readonly EnrollmentMode[] = Object.values(EnrollmentMode);

/** Whether a text is an {@link EnrollmentMode}. */
export function isEnrollmentMode(value: string): value is EnrollmentMode {
  return (ENROLLMENT_MODES as readonly string[]).includes(value);
}
