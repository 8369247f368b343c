import { PURE_COLD_ALLOWANCE_MS, SDK_COLD_FACTOR } from './budgets.js';
import type { Variant } from './cold.js';
import { STEPS } from './end-to-end.js';
import type { Report } from './run.js';
import type { Requests } from './services.js';
import type { Summary } from './stats.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value)
    ? '–'
    : value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0);
const us = (value: number) => value.toFixed(value < 100 ? 1 : 0);
const times = (summary: Summary | undefined) =>
  summary === undefined || summary.n === 0 ? '–' : `×${summary.median.toFixed(2)}`;
const count = (value: number) => value.toLocaleString('en');
const requests = (counts: Requests) =>
  Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([operation, n]) => (n === 1 ? operation : `${operation} ×${n}`))
    .join(', ');

/** A `## title` section: paragraphs, a table whose header is the keys of its rows, paragraphs. */
function section(
  title: string,
  before: string[],
  rows: Record<string, string>[],
  after: string[] = [],
) {
  const header = Object.keys(rows[0] ?? {});
  const table = [header, header.map(() => '---'), ...rows.map((row) => Object.values(row))];
  const paragraphs = (texts: string[]) => texts.flatMap((text) => [text, '']);
  const lines = table.map((cells) => `| ${cells.join(' | ')} |`);
  return [`## ${title}`, '', ...paragraphs(before), ...lines, '', ...paragraphs(after)];
}

/**
 * BENCHMARKS.md: misses first, the headline (each trigger's cold start as deployed, against the
 * SDK floor and the fair peer), where the peer ties or wins, the budgets, each section's table.
 *
 * @example
 * await writeFile('BENCHMARKS.md', renderReport(report));
 */
export function renderReport(report: Report): string {
  const { machine, settings } = report;
  const misses = report.budgets.filter((check) => !check.pass);
  const minutes = Math.floor(report.runSeconds / 60);
  return `${[
    '# Benchmarks',
    '',
    `Written by \`pnpm bench\` (packages/bench) on ${machine.date.slice(0, 16).replace('T', ' ')} UTC, ` +
      `${settings.quick ? '**a quick smoke run: not for comparison**' : 'the full run'}` +
      `${settings.sections.length < 3 ? ` (only ${settings.sections.join(', ')})` : ''}, ` +
      `in ${minutes} min ${Math.round(report.runSeconds - 60 * minutes)} s, on ${machine.cpuModel}, ` +
      `${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node} (${machine.platform}). ` +
      '**The machine is shared and noisy**: absolute times move from run to run (and are not what Lambda, on ' +
      'Node 22, other CPUs and a real network, would show); the ratios, taken per round between bundles ' +
      'started in the same interleaved round, move less.',
    '',
    '## Budget misses',
    '',
    ...(misses.length === 0
      ? [`None: all ${report.budgets.length} budgets below are met.`]
      : misses.map(
          (miss) => `- **MISS** ${miss.subject}: ${miss.budget}; measured ${miss.measured}`,
        )),
    '',
    ...headline(report),
    ...peerFindings(report),
    ...section(
      'Budgets',
      [],
      report.budgets.map(({ subject, budget, measured, pass, source }) => {
        return { subject, budget, measured, result: pass ? 'pass' : '**MISS**', source };
      }),
    ),
    ...sections(report),
    '## Method and limits',
    '',
    `- Deployed configuration: each function's variables rendered from \`terraform/environments/${report.environment}/terraform.tfvars.json\` ` +
      "by its trigger's `SETTINGS` table, as the Terraform module writes them (`TENANT_TABLE_NAME` set), plus what " +
      'Lambda adds (region, credentials, log level, function name). DynamoDB is dynalite and Cognito a stub, each ' +
      'in a process of its own on loopback: real HTTP requests, not AWS latency.',
    `- Budgets: DESIGN.md's restated for the deployed configuration (pure triggers: import + first invocation ` +
      `within ${PURE_COLD_ALLOWANCE_MS} ms of an empty module; a joining user's requests); regression bounds ` +
      `(SDK triggers' cold start within ×${SDK_COLD_FACTOR} of the SDK floor; warm p99 and the journeys within a ` +
      'stated factor of the figures recorded in packages/bench/src/budgets.ts). A miss makes `pnpm bench` exit 1.',
    '- Not measured: Lambda itself (its init phase, the runtime, the network), Node 22, memory.',
    '- Regenerate: `pnpm build && pnpm bench`; `pnpm bench --quick` for a smoke run; ' +
      '`pnpm bench --check BENCHMARKS.json` checks the budgets on recorded figures. Raw figures: BENCHMARKS.json.',
  ].join('\n')}\n`;
}

function coldOf(report: Report, trigger: string | undefined, variant: Variant) {
  return report.measurements.cold?.results.find(
    (result) => result.trigger === trigger && result.variant === variant,
  );
}

function headline(report: Report): string[] {
  const cold = report.measurements.cold;
  if (cold === undefined) return ['## Headline', '', 'Cold starts not measured in this run.', ''];
  const rows = cold.results
    .filter((result) => result.variant === 'ours')
    .map((ours) => {
      const peer = coldOf(report, ours.trigger, 'peer');
      const floor = coldOf(report, ours.trigger, 'sdk-floor');
      return {
        trigger: ours.trigger ?? '',
        ours: `${ms(ours.coldMs.median)} ms`,
        'fair peer': `${ms(peer?.coldMs.median)} ms`,
        'SDK floor':
          floor === undefined
            ? `no SDK (+${ms(ours.overEmptyMs.median)} ms over an empty module)`
            : `${ms(floor.coldMs.median)} ms`,
        'ours × SDK floor': times(ours.overSdkFloor),
        'ours × peer': times(ours.overPeer),
        'bundle ours / peer': `${kb(ours.bytes)} / ${peer === undefined ? '–' : kb(peer.bytes)}`,
      };
    });
  return section(
    'Headline',
    [
      `Each trigger's cold start as deployed (\`terraform/environments/${report.environment}\`): a fresh Node ` +
        'process imports the built bundle and runs its first real invocation (a sign-up, its message, a new ' +
        "colleague's confirmation, a member's sign-in) against DynamoDB and Cognito on loopback. Medians over " +
        `${cold.rounds} interleaved rounds; the ratios are medians of per-round ratios.`,
    ],
    rows,
    [
      "The fair peer (packages/bench/peers/) is a typical team's handler for the same job: full SDK clients, the " +
        'DynamoDB DocumentClient, Powertools Logger, bundled with the same esbuild options as ours. The SDK floor ' +
        '(packages/bench/floors/) holds only the SDK clients and commands the trigger bundles, and sends the ' +
        'same requests as its first invocation.',
    ],
  );
}

/** Plain statements of where the peer ties (within 5 %) or beats ours. */
function peerFindings(report: Report): string[] {
  const findings: string[] = [];
  for (const ours of report.measurements.cold?.results ?? []) {
    const ratio = ours.overPeer?.median;
    if (ratio === undefined || ratio < 0.95) continue;
    const peer = coldOf(report, ours.trigger, 'peer');
    findings.push(
      `**${ours.trigger}, cold start**: the peer ${ratio <= 1.05 ? 'ties' : 'beats'} ours: ours takes ` +
        `×${ratio.toFixed(2)} the peer's time (median of per-round ratios; medians ${ms(ours.coldMs.median)} ms ` +
        `for ours, ${ms(peer?.coldMs.median)} ms for the peer).`,
    );
  }
  const warm = report.measurements.warm?.results ?? [];
  for (const ours of warm.filter((row) => row.variant === 'ours')) {
    const peer = warm.find(
      (row) => row.variant === 'peer' && row.trigger === ours.trigger && row.path === ours.path,
    );
    if (peer === undefined || peer.us.p50 > ours.us.p50 * 1.05) continue;
    findings.push(
      `**${ours.trigger}, warm, ${ours.path}**: the peer ${peer.us.p50 >= ours.us.p50 * 0.95 ? 'ties' : 'beats'} ` +
        `ours (p50 ${us(peer.us.p50)} µs against ${us(ours.us.p50)} µs; p99 ${us(peer.us.p99)} against ${us(ours.us.p99)} µs).`,
    );
  }
  return [
    '## Where the fair peer ties or beats us',
    '',
    ...(findings.length === 0
      ? ['Nowhere in this run: ours is more than 5 % faster on every figure.']
      : findings.map((finding) => `- ${finding}`)),
    '',
  ];
}

function sections({ measurements: { cold, warm, e2e }, settings }: Report): string[] {
  const out: string[] = [];
  if (cold !== undefined) {
    const prose =
      `${cold.rounds} rounds after one untimed round: each starts every bundle once in a fresh \`node\` (no ` +
      "loader, stdout to /dev/null, the function's environment only), in an order rotated by one per round. " +
      "Node's own start-up, the same for all, is left out. Requests: what the first invocation of the last " +
      'round sent, as the local services counted them.';
    const rows = cold.results.map((result) => ({
      trigger: result.trigger ?? '(floor)',
      variant: result.variant,
      bundle: result.bytes === 0 ? '–' : kb(result.bytes),
      'import ms': ms(result.importMs.median),
      'first invocation ms': ms(result.invokeMs?.median),
      'cold ms (p25–p75)': `${ms(result.coldMs.median)} (${ms(result.coldMs.p25)}–${ms(result.coldMs.p75)})`,
      'over empty module': `+${ms(result.overEmptyMs.median)} ms`,
      '× SDK floor': times(result.overSdkFloor),
      '× peer': times(result.overPeer),
      requests:
        [requests(result.requests.dynamodb), requests(result.requests.cognito)]
          .filter((text) => text !== '')
          .join('; ') || '–',
      outcome: result.outcomes.join('; '),
    }));
    out.push(...section('Cold start', [prose], rows));
  }
  if (warm !== undefined) {
    const prose =
      `One process per row imports the bundle once, runs ${count(settings.warmWarmup)} untimed ` +
      'invocations (fewer on rows that wait for the local services), then times each of the next ones, cycling ' +
      "through 64 members' events. Requests: all the row sent, untimed invocations included. On a sign-in, ours " +
      'reads each member once and then answers from its cache; the peers, which have no cache, read the store ' +
      'on every call.';
    const rows = warm.results.map((row) => ({
      trigger: row.trigger,
      path: row.path,
      variant: row.variant,
      timed: count(row.iterations),
      'p50 µs': us(row.us.p50),
      p90: us(row.us.p90),
      p99: us(row.us.p99),
      max: us(row.us.max),
      requests: count(row.requests),
      'ok / threw': `${count(row.outcomes.ok)} / ${count(row.outcomes.threw)}${row.valid ? '' : ' **wrong answers**'}`,
    }));
    out.push(...section('Warm invocations', [prose], rows));
  }
  if (e2e?.measured === false) out.push('## End to end', '', `Not measured: ${e2e.reason}.`, '');
  if (e2e?.measured) {
    const prose =
      'Sign-up → confirmation (with the emailed code) → sign-in through the local stack (cognito-local invoking ' +
      `the built bundles with the deployed settings, dynalite), in a process of its own: ${e2e.journeys} journeys ` +
      `by new users. The first starts every function cold: ${ms(e2e.coldJourneyMs)} ms in all; a warm journey ` +
      `takes ${ms(e2e.warmJourneyMs.median)} ms (median). Most of a step is the emulator and its invoke path. ` +
      `${e2e.tokenHasTenant ? 'Every ID token carried the tenant.' : '**An ID token had no tenant.**'}`;
    const rows = STEPS.map((step, index) => ({
      step: step.name,
      triggers: step.functions,
      'first journey ms': ms(e2e.coldStepsMs[index]),
      'warm ms (median)': ms(e2e.warmStepsMs[index]?.median),
    }));
    out.push(...section('End to end', [prose], rows));
  }
  return out;
}
