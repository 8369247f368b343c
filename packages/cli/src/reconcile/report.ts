import type { ReconcileSummary, UserOutcome } from './reconcile.js';

const VERDICT = {
  repaired: 'REPAIRED',
  'would-repair': 'WOULD REPAIR',
  'no-tenant': 'NO TENANT',
  failed: 'FAILED',
} as const;
const VERDICT_WIDTH = 'WOULD REPAIR'.length + 2;

/** One line for a user who needed something, or undefined for one who did not. */
export function formatOutcome(outcome: UserOutcome): string | undefined {
  if (outcome.status === 'ok' || outcome.status === 'skipped') return undefined;
  const head = `${VERDICT[outcome.status].padEnd(VERDICT_WIDTH)}${outcome.username}`;
  // Pools whose users sign in by email alias name each user by their sub: say it once.
  const sub =
    outcome.sub === undefined || outcome.sub === outcome.username ? '' : `  sub=${outcome.sub}`;
  if (outcome.status === 'no-tenant') return `${head}${sub}  ${outcome.reason}`;
  if (outcome.status === 'failed') {
    const problems = outcome.problems.length > 0 ? ` (${outcome.problems.join('; ')})` : '';
    return `${head}${sub}  ${outcome.reason}${problems}`;
  }
  const role = outcome.role === undefined ? '' : ` role=${outcome.role}`;
  return `${head}${sub}  tenant=${outcome.tenantId}${role}  ${outcome.problems.join('; ')}`;
}

/** `checked 120 users: 110 ok, 8 repaired, 2 failed; 5 skipped (not confirmed)` */
export function formatSummary(summary: ReconcileSummary, dryRun: boolean): string {
  const parts = [
    `${summary.ok} ok`,
    dryRun ? `${summary.wouldRepair} would repair` : `${summary.repaired} repaired`,
    `${summary.noTenant} without a tenant`,
    `${summary.failed} failed`,
  ];
  const users = summary.checked === 1 ? 'user' : 'users';
  const skipped = summary.skipped > 0 ? `; ${summary.skipped} skipped (not confirmed)` : '';
  const note = dryRun ? ' (dry run: nothing was changed)' : '';
  return `checked ${summary.checked} ${users}: ${parts.join(', ')}${skipped}${note}`;
}

/** A short progress text: `250 users: 240 ok, 8 repaired, 2 failed`. */
export function formatProgress(summary: ReconcileSummary, dryRun: boolean): string {
  const seen = summary.checked + summary.skipped;
  const fixed = dryRun ? `${summary.wouldRepair} would repair` : `${summary.repaired} repaired`;
  return `${seen} users: ${summary.ok} ok, ${fixed}, ${summary.failed} failed`;
}
