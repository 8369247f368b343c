import type { Variant } from './cold.js';
import { STEPS } from './end-to-end.js';
import type { Requests } from './processes.js';
import type { Report } from './run.js';
import type { Summary } from './stats.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value)
    ? '–'
    : value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0);
const us = (value: number) => value.toFixed(value < 100 ? 1 : 0);
const times = (summary: Summary | undefined) =>
  summary?.n ? `×${summary.median.toFixed(2)}` : '–';
const count = (value: number) => value.toLocaleString('en');
const requests = (counts: Requests) =>
  Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([operation, n]) => (n === 1 ? operation : `${operation} ×${n}`));

/** A `## title` section: a paragraph, then a table whose header is the keys of its rows. */
function section(title: string, prose: string, rows: Record<string, string>[]): string[] {
  const header = Object.keys(rows[0] ?? {});
  const table = [header, header.map(() => '---'), ...rows.map((row) => Object.values(row))];
  return [`## ${title}`, '', prose, '', ...table.map((cells) => `| ${cells.join(' | ')} |`), ''];
}

/**
 * BENCHMARKS.md: misses first, the headline (each trigger's cold start as deployed, against the
 * SDK floor and the fair peer), where the peer ties or wins, the budgets, each section's table.
 * How it measures is packages/bench/README.md's to say.
 *
 * @example
 * await writeFile('BENCHMARKS.md', renderReport(report));
 */
export function renderReport(report: Report): string {
  const { machine, settings, budgets } = report;
  const misses = budgets.filter((check) => !check.pass);
  const minutes = Math.floor(report.runSeconds / 60);
  const run = settings.quick ? '**a quick smoke run: not for comparison**' : 'the full run';
  const only = settings.sections.length < 3 ? ` (only ${settings.sections.join(', ')})` : '';
  return `${[
    '# Benchmarks',
    '',
    `Written by \`pnpm bench\` on ${machine.date.slice(0, 16).replace('T', ' ')} UTC, ${run}${only}, in ` +
      `${minutes} min ${Math.round(report.runSeconds - 60 * minutes)} s, on ${machine.cpuModel}, ${machine.cores} cores, ` +
      `${machine.memoryGiB} GiB, Node ${machine.node} (${machine.platform}), with the settings of ` +
      `\`terraform/environments/${report.environment}\`. How it measures, the peers, the floors and the budgets: ` +
      '[packages/bench/README.md](packages/bench/README.md). **The machine is shared and noisy**: absolute times ' +
      'move from run to run and are not what Lambda would show; the ratios, taken between bundles started in the ' +
      'same interleaved round, move less. Raw figures: BENCHMARKS.json. Regenerate: `pnpm build && pnpm bench`.',
    '',
    '## Budget misses',
    '',
    ...(misses.length === 0
      ? [`None: all ${budgets.length} budgets below are met.`]
      : misses.map(
          (miss) => `- **MISS** ${miss.subject}: ${miss.budget}; measured ${miss.measured}`,
        )),
    '',
    ...headline(report),
    '## Where the fair peer ties or beats us',
    '',
    ...peerFindings(report),
    '',
    ...section(
      'Budgets',
      'A miss makes `pnpm bench` exit 1; the recorded figures are in packages/bench/src/budgets.ts.',
      budgets.map(({ subject, budget, measured, pass, source }) => {
        return { subject, budget, measured, result: pass ? 'pass' : '**MISS**', source };
      }),
    ),
    ...details(report),
  ].join('\n')}\n`;
}

function coldOf(report: Report, trigger: string | undefined, variant: Variant) {
  return report.measurements.cold?.results.find(
    (r) => r.trigger === trigger && r.variant === variant,
  );
}

function headline(report: Report): string[] {
  const cold = report.measurements.cold;
  if (cold === undefined) return ['## Headline', '', 'Cold starts not measured in this run.', ''];
  const ours = cold.results.filter((result) => result.variant === 'ours');
  return section(
    'Headline',
    "Each trigger's cold start as deployed: a fresh Node process imports the built bundle and runs its first " +
      "real invocation (a sign-up, its message, a new colleague's confirmation, a member's sign-in) against " +
      `DynamoDB and Cognito on loopback. Medians over ${cold.rounds} interleaved rounds; ratios are medians of ` +
      "per-round ratios. The fair peer is a typical team's handler (full SDK clients, the DocumentClient, " +
      'Powertools Logger) bundled with our esbuild options; the SDK floor sends the same requests with nothing else.',
    ours.map((result) => {
      const peer = coldOf(report, result.trigger, 'peer');
      const floor = coldOf(report, result.trigger, 'sdk-floor');
      const overEmpty = `no SDK (+${ms(result.overEmptyMs.median)} ms over an empty module)`;
      return {
        trigger: result.trigger ?? '',
        ours: `${ms(result.coldMs.median)} ms`,
        'fair peer': `${ms(peer?.coldMs.median)} ms`,
        'SDK floor': floor === undefined ? overEmpty : `${ms(floor.coldMs.median)} ms`,
        'ours × SDK floor': times(result.overSdkFloor),
        'ours × peer': times(result.overPeer),
        'bundle ours / peer': `${kb(result.bytes)} / ${peer === undefined ? '–' : kb(peer.bytes)}`,
      };
    }),
  );
}

/** Plain statements of where the peer ties (within 5 %) or beats ours. */
function peerFindings(report: Report): string[] {
  const findings: string[] = [];
  const verdict = (ratio: number) => (ratio <= 1.05 ? 'ties' : 'beats');
  for (const ours of report.measurements.cold?.results ?? []) {
    const ratio = ours.overPeer?.median;
    if (ratio === undefined || ratio < 0.95) continue;
    const peer = coldOf(report, ours.trigger, 'peer');
    findings.push(
      `- **${ours.trigger}, cold start**: the peer ${verdict(ratio)} ours: ours takes ×${ratio.toFixed(2)} ` +
        `the peer's time (medians ${ms(ours.coldMs.median)} ms and ${ms(peer?.coldMs.median)} ms).`,
    );
  }
  const warm = report.measurements.warm?.results ?? [];
  for (const ours of warm.filter((row) => row.variant === 'ours')) {
    const peer = warm.find(
      (row) => row.variant === 'peer' && row.trigger === ours.trigger && row.path === ours.path,
    );
    if (peer === undefined || peer.us.p50 > ours.us.p50 * 1.05) continue;
    findings.push(
      `- **${ours.trigger}, warm, ${ours.path}**: the peer ${verdict(ours.us.p50 / peer.us.p50)} ours ` +
        `(p50 ${us(peer.us.p50)} µs against ${us(ours.us.p50)} µs; p99 ${us(peer.us.p99)} against ${us(ours.us.p99)} µs).`,
    );
  }
  return findings.length > 0
    ? findings
    : ['Nowhere in this run: ours is more than 5 % faster on every figure.'];
}

function details({ measurements: { cold, warm, e2e }, settings }: Report): string[] {
  const out: string[] = [];
  if (cold !== undefined) {
    const prose =
      `${cold.rounds} rounds after an untimed one, each starting every bundle once, in an order rotated by one ` +
      "per round. Node's own start-up, the same for all, is left out. Requests: what the first invocation of the " +
      'last round sent, as the local services counted them.';
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
        [...requests(result.requests.dynamodb), ...requests(result.requests.cognito)].join(', ') ||
        '–',
      outcome: result.outcomes.join('; '),
    }));
    out.push(...section('Cold start', prose, rows));
  }
  if (warm !== undefined) {
    const prose =
      `One process per row imports the bundle, runs ${count(settings.warmWarmup)} untimed invocations (fewer on ` +
      "rows that wait for the local services), then times each of the next ones, cycling through 64 members' " +
      'events. Requests: all the row sent. On a sign-in, ours reads each member once and then answers from its ' +
      'cache; the peers, which have none, read the store on every call.';
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
    out.push(...section('Warm invocations', prose, rows));
  }
  if (e2e?.measured === false) out.push('## End to end', '', `Not measured: ${e2e.reason}.`, '');
  if (e2e?.measured) {
    const prose =
      'Sign-up → confirmation (with the emailed code) → sign-in through the local stack (cognito-local invoking ' +
      `the built bundles, dynalite), in a process of its own: ${e2e.journeys} journeys by new users. The first ` +
      `starts every function cold: ${ms(e2e.coldJourneyMs)} ms in all; a warm journey takes ` +
      `${ms(e2e.warmJourneyMs.median)} ms (median). Most of a step is the emulator. ` +
      `${e2e.tokenHasTenant ? 'Every ID token carried the tenant.' : '**An ID token had no tenant.**'}`;
    const rows = STEPS.map((step, index) => ({
      step: step.name,
      triggers: step.functions,
      'first journey ms': ms(e2e.coldStepsMs[index]),
      'warm ms (median)': ms(e2e.warmStepsMs[index]?.median),
    }));
    out.push(...section('End to end', prose, rows));
  }
  return out;
}
