import type { BudgetCheck, Measurements } from './budgets.js';
import {
  COGNITO_LIMIT_MS,
  PURE_COLD_ALLOWANCE_MS,
  PURE_WARM_P99_US,
  SDK_FLOOR_ALLOWANCE,
} from './budgets.js';
import type { BundleFindings } from './bundles.js';
import { ColdKind, type ColdResult } from './cold-start.js';
import type { StepResult } from './end-to-end.js';
import type { Machine } from './machine.js';
import type { BenchSettings } from './options.js';
import type { Summary } from './stats.js';
import { TRIGGER_NAMES, type TriggerName } from './triggers.js';
import type { WarmResult } from './warm.js';

/** Everything one run measured: BENCHMARKS.json, and the source of BENCHMARKS.md. */
export interface Report {
  readonly machine: Machine;
  readonly settings: BenchSettings;
  /** Wall time of the whole run, in seconds. */
  readonly runSeconds: number;
  readonly measurements: Measurements;
  readonly budgets: readonly BudgetCheck[];
  /** Things a reader must know before trusting a number (a drifted rebuild, a wrong answer). */
  readonly warnings: readonly string[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) =>
  Number.isNaN(value)
    ? 'n/a'
    : value < 10
      ? value.toFixed(2)
      : value < 100
        ? value.toFixed(1)
        : value.toFixed(0);
const us = (value: number) => (value < 100 ? value.toFixed(1) : value.toFixed(0));
const ratio = (value: number) => `×${value < 10 ? value.toFixed(2) : value.toFixed(1)}`;
const pct = (fraction: number) => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)} %`;
const share = (fraction: number) => `${(fraction * 100).toFixed(0)} %`;
const spread = (summary: Summary, format: (value: number) => string) =>
  `${format(summary.p25)}–${format(summary.p75)}`;
const count = (value: number) => value.toLocaleString('en');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

/**
 * BENCHMARKS.md: misses first, then the headline ratios, the budgets, each section's tables,
 * and what the numbers say about where the time goes. Every figure comes from `report`.
 *
 * @example
 * await writeFile('BENCHMARKS.md', renderReport(report));
 */
export function renderReport(report: Report): string {
  const { machine, settings } = report;
  const misses = report.budgets.filter((check) => !check.pass);
  const minutes = Math.floor(report.runSeconds / 60);
  const seconds = Math.round(report.runSeconds - 60 * minutes);
  const out: string[] = [
    '# Benchmarks',
    '',
    `Written by \`pnpm bench\` (packages/bench) on ${machine.date.slice(0, 16).replace('T', ' ')} UTC: ` +
      `${settings.quick ? '**a quick smoke run (few iterations): not for comparison**' : 'the full run'}` +
      `${settings.sections.length < 5 ? `, sections ${settings.sections.join(', ')} only` : ''}, ` +
      `which took ${minutes} min ${seconds} s.`,
    '',
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node} ` +
      `(${machine.platform}). The machine is shared and noisy: read the ratios to the floors, measured ` +
      'in the same interleaved rounds, rather than the absolute times. Lambda runs Node 22 on other CPUs.',
    '',
    '## Budget misses',
    '',
    ...(misses.length === 0
      ? [`None: all ${report.budgets.length} budgets checked below passed.`]
      : misses.map(
          (check) =>
            `- **MISS** ${check.subject}: ${check.budget}; measured ${check.measured} (${check.source})`,
        )),
    ...(report.warnings.length === 0
      ? []
      : ['', '**Warnings**', '', ...report.warnings.map((warning) => `- ${warning}`)]),
    '',
  ];
  out.push(...headline(report));
  out.push('## Budgets', '');
  out.push(
    ...table(
      ['subject', 'budget', 'measured', 'result', 'source'],
      report.budgets.map((check) => [
        check.subject,
        check.budget,
        check.measured,
        check.pass ? 'pass' : '**MISS**',
        check.source,
      ]),
    ),
    '',
  );
  out.push(...bundleSection(report));
  out.push(...coldSection(report));
  out.push(...warmSection(report));
  out.push(...provisioningSection(report));
  out.push(...endToEndSection(report));
  out.push(...whereTheTimeGoes(report));
  out.push(...method());
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function coldOf(report: Report, trigger: TriggerName | undefined, kind: ColdKind) {
  return report.measurements.cold?.results.find(
    (result) => result.trigger === trigger && result.kind === kind,
  );
}

function warmOf(report: Report, trigger: TriggerName, variant = 'ours', io = false) {
  return report.measurements.warm?.results.find(
    (row) => row.trigger === trigger && row.variant === variant && row.io === io,
  );
}

function findingsOf(report: Report, trigger: TriggerName): BundleFindings | undefined {
  return report.measurements.bundles?.findings.find((found) => found.trigger === trigger);
}

function headline(report: Report): string[] {
  const rows = TRIGGER_NAMES.map((trigger) => {
    const found = findingsOf(report, trigger);
    const ours = coldOf(report, trigger, ColdKind.Ours);
    const warm = warmOf(report, trigger);
    const size =
      found === undefined
        ? 'n/a'
        : found.awsSdk === 'lazy'
          ? `${kb(found.entryBytes)} at cold start, ${kb(found.bytes)} in all`
          : kb(found.bytes);
    return [
      trigger,
      size,
      found?.floor === undefined ? '–' : pct(found.bytes / found.floor.bytes - 1),
      ours === undefined ? 'n/a' : `${ms(ours.importMs.median)} ms`,
      ours === undefined ? 'n/a' : ratio(ours.overEmpty.ratio.median),
      ours?.overSdkFloor === undefined ? '–' : ratio(ours.overSdkFloor.ratio.median),
      warm === undefined ? 'n/a' : `${us(warm.us.p50)} / ${us(warm.us.p99)} µs`,
    ];
  });
  return [
    '## Headline',
    '',
    ...table(
      [
        'trigger',
        'bundle',
        'bytes vs SDK floor',
        'cold import',
        '× empty module',
        '× SDK floor',
        'warm p50 / p99 (first row below)',
      ],
      rows,
    ),
    '',
    'Cold import: median over the interleaved rounds; the ratios are medians of per-round ratios. ' +
      'The SDK floor is a bundle of only the SDK clients and commands the trigger sends.',
    '',
  ];
}

function bundleSection(report: Report): string[] {
  const section = report.measurements.bundles;
  if (section === undefined)
    return ['## Bundle size', '', 'Not measured in this run (--only).', ''];
  const out = [
    '## Bundle size',
    '',
    "From each trigger's `dist/manifest.json` and esbuild's metafile (`dist/meta.json`), as `pnpm build` " +
      'left them. gzip: each `.mjs` file gzipped on its own (level 9), as the zip stores them. The SDK floor and ' +
      "the Powertools variant are built by the benchmark with a copy of packages/bundle's esbuild options; " +
      '"rebuilt" is src/handler.ts built with that copy, which must equal dist/.',
    '',
    ...table(
      [
        'trigger',
        'files',
        'bytes',
        'gzip',
        'cold-start files',
        'budget',
        'SDK floor (gzip)',
        'Powertools + zod (gzip)',
        'rebuilt = dist',
      ],
      section.findings.map((found) => [
        found.trigger,
        String(found.files),
        `${count(found.bytes)} (${kb(found.bytes)})`,
        kb(found.gzipBytes),
        kb(found.entryBytes),
        found.maxEntryBytes === undefined
          ? kb(found.maxBundleBytes)
          : `${kb(found.maxEntryBytes)} entry, ${kb(found.maxBundleBytes)} all`,
        found.floor === undefined ? '–' : `${kb(found.floor.bytes)} (${kb(found.floor.gzipBytes)})`,
        `${kb(found.powertools.bytes)} (${kb(found.powertools.gzipBytes)})`,
        found.rebuiltBytes === found.bytes ? 'yes' : `no: ${count(found.rebuiltBytes)}`,
      ]),
    ),
    '',
    '### Largest inputs',
    '',
  ];
  for (const found of section.findings) {
    out.push(
      `**${found.trigger}**: by package ${found.byPackage.map((entry) => `${entry.path} ${kb(entry.bytes)}`).join(', ')}.`,
      '',
      ...table(
        ['module', 'bytes in output'],
        found.largestInputs.map((input) => [`\`${input.path}\``, count(input.bytes)]),
      ),
      '',
    );
  }
  return out;
}

function coldSection(report: Report): string[] {
  const section = report.measurements.cold;
  if (section === undefined) return ['## Cold start', '', 'Not measured in this run (--only).', ''];
  const row = (result: ColdResult) => [
    result.trigger ?? '(floor)',
    result.label,
    ms(result.importMs.median),
    spread(result.importMs, ms),
    `${ratio(result.overEmpty.ratio.median)} (${spread(result.overEmpty.ratio, (v) => v.toFixed(2))})`,
    `+${ms(result.overEmpty.ms.median)}`,
    result.overSdkFloor === undefined
      ? '–'
      : `${ratio(result.overSdkFloor.ratio.median)} (${spread(result.overSdkFloor.ratio, (v) => v.toFixed(2))})`,
    result.firstInvokeMs === undefined ? '–' : ms(result.firstInvokeMs.median),
  ];
  return [
    '## Cold start',
    '',
    `Time to \`import()\` the bundle in a fresh Node process (plain \`node\`, no loader, stdout to /dev/null), ` +
      `${section.rounds} interleaved rounds after one untimed round: each round starts every variant once, ` +
      "in an order rotated by one per round. Node's own start-up, the same for all, is left out " +
      `(median ${ms(section.results[0]?.bootMs.median ?? Number.NaN)} ms here). ` +
      'Ratios and differences are taken per round against the floor measured in the same round, then summarised. ' +
      '"First call" is the first invocation after the import, on a path without I/O.',
    '',
    ...table(
      [
        'trigger',
        'variant',
        'import ms (median)',
        'p25–p75',
        '× empty module (p25–p75)',
        'ms over empty',
        '× SDK floor (p25–p75)',
        'first call ms',
      ],
      section.results.map(row),
    ),
    '',
  ];
}

function warmSection(report: Report): string[] {
  const section = report.measurements.warm;
  if (section === undefined)
    return ['## Warm invocations', '', 'Not measured in this run (--only).', ''];
  const row = (result: WarmResult) => [
    result.trigger,
    result.path + (result.coldFilesOnly ? ' ¹' : ''),
    result.variant + (result.io ? ' (I/O)' : ''),
    count(result.iterations),
    us(result.us.p50),
    us(result.us.p90),
    us(result.us.p99),
    us(result.us.p999),
    us(result.us.max),
    `${count(result.outcomes.ok)} / ${count(result.outcomes.threw)}${result.valid ? '' : ' **wrong answers**'}`,
  ];
  return [
    '## Warm invocations',
    '',
    'Each row: one Node process imports the BUILT bundle once (or the baseline), runs ' +
      `${count(report.settings.warmWarmup)} untimed invocations, then times each of the next ones ` +
      '(`process.hrtime`, one at a time, awaited), cycling through a pool of ' +
      `${section.pool} realistic events from \`@cognito-triggers/events/testing\` (a fresh copy per call, made ` +
      'outside the timed span). The handlers log one JSON line per invocation: stdout is /dev/null, so the line ' +
      'is built and written, but nothing reads it (one row shows the cost with the line switched off). ' +
      "Rows marked I/O wait for dynalite (DynamoDB's API, running in the benchmark's own process) and a " +
      'loopback Cognito stub: they measure local servers, not AWS, and use fewer invocations. ' +
      'The post-confirmation "decision" row is its pure part (provisioningRequest + resolveTenant) bundled ' +
      "from source without the wrapper. With the store, the token trigger's cache is warm: the untimed " +
      'invocations read each user of the pool once.',
    '',
    '¹ run from a copy of dist/ holding only index.mjs and the chunks it imports statically: the SDK chunks ' +
      'were not there to load.',
    '',
    ...table(
      ['trigger', 'path', 'variant', 'timed', 'p50 µs', 'p90', 'p99', 'p99.9', 'max', 'ok / threw'],
      section.results.map(row),
    ),
    '',
  ];
}

function provisioningSection(report: Report): string[] {
  const section = report.measurements.provisioning;
  if (section === undefined)
    return ['## Provisioning', '', 'Not measured in this run (--only).', ''];
  const { concurrent } = section;
  return [
    '## Provisioning',
    '',
    '`provisionUser` and the store of @cognito-triggers/tenancy, with their real SDK clients, against ' +
      'dynalite (in this process) and a loopback Cognito stub answering `{}`. Round trips counted with ' +
      '`countRequests` (every HTTP attempt, retries included); the most any run needed. Each case ' +
      `ran ${report.settings.provisioningRepeats} times on fresh domains.`,
    '',
    ...table(
      [
        'case',
        'DynamoDB round trips (calls)',
        'Cognito calls',
        'budget',
        'latency ms median (p25–p75)',
      ],
      section.cases.map((item) => [
        item.name,
        `${item.dynamodb.attempts} (${item.dynamodb.calls})`,
        String(item.cognito),
        item.budget === undefined ? '–' : `${item.budget.dynamodb} + ${item.budget.cognito}`,
        `${ms(item.latencyMs.median)} (${spread(item.latencyMs, ms)})`,
      ]),
    ),
    '',
    `**${concurrent.users} colleagues confirming at once** (a new domain, all started together, ` +
      `${concurrent.runs} run${concurrent.runs === 1 ? '' : 's'}): ` +
      `${count(concurrent.dynamodbAttempts)} DynamoDB round trips (${count(concurrent.dynamodbCalls)} calls, ` +
      `${(concurrent.dynamodbAttempts / concurrent.users).toFixed(2)} per user) and ${count(concurrent.cognitoCalls)} ` +
      `Cognito calls in all; ${concurrent.converged ? 'one tenant and one admin every time' : '**did not converge**'}. ` +
      `Wall time ${ms(concurrent.wallMs.median)} ms (median); each user waited ${ms(concurrent.perUserMs.median)} ms ` +
      `(median), ${ms(concurrent.perUserMs.p99)} ms (p99), behind the others on one local dynalite.`,
    '',
  ];
}

function endToEndSection(report: Report): string[] {
  const section = report.measurements.e2e;
  if (section === undefined) return ['## End to end', '', 'Not measured in this run (--only).', ''];
  if (!section.measured) return ['## End to end', '', `Not measured: ${section.reason}.`, ''];
  const rows = (label: string, steps: readonly StepResult[]) =>
    steps
      .filter((step) => step.wallMs.n > 0)
      .map((step) => [
        label,
        step.step,
        step.functions.join(', '),
        `${ms(step.wallMs.median)}`,
        `${ms(step.triggerMs.median)}`,
        share(step.share.median),
      ]);
  return [
    '## End to end',
    '',
    'Sign-up → confirmation (with the emailed code) → sign-in (`USER_PASSWORD_AUTH`) through the local ' +
      `stack (\`startStack\` of @cognito-triggers/local: cognito-local invoking the built bundles through the ` +
      `Lambda invoke server, dynalite), ${section.journeys} journey${section.journeys === 1 ? '' : 's'} by new users; ` +
      `the stack took ${ms(section.startMs)} ms to start. The first journey is cold: each function's process ` +
      'starts inside it, and its trigger time includes importing the bundle (' +
      Object.entries(section.coldStartMs)
        .map(([fn, value]) => `${fn} ${ms(value.importMs)} ms`)
        .join(', ') +
      '); starting the processes before that took ' +
      Object.values(section.coldStartMs)
        .map((value) => ms(value.bootMs))
        .join(', ') +
      ' ms' +
      (section.workerExecArgv.some((flag) => flag.includes('tsx'))
        ? " (they inherit the benchmark's tsx loader flags from the invoke server's fork, a local-stack " +
          'artefact that slows these imports too: the cold start section has them in plain Node)'
        : '') +
      '. ' +
      (section.timing === 'wrapper'
        ? "Trigger time is measured inside each function's process by a wrapper that imports the built bundle and " +
          'times each call (`process.hrtime`); the rest of a step is cognito-local, its Lambda client, HTTP and IPC.'
        : "Trigger time is the `durationMs` of defineTrigger's log line (whole milliseconds).") +
      ` Outcomes logged: ${Object.entries(section.outcomes)
        .map(([fn, list]) => `${fn} ${list.join('/')}`)
        .join(', ')}; ` +
      `the ID token ${section.tokenHasTenant ? 'carried' : '**did not carry**'} the tenant claims.`,
    '',
    ...table(
      ['journey', 'step', 'triggers', 'step ms (median)', 'in triggers ms', "triggers' share"],
      [...rows('first (cold)', section.cold), ...rows('warm', section.warm)],
    ),
    '',
  ];
}

function whereTheTimeGoes(report: Report): string[] {
  const facts: string[] = [];
  const empty = coldOf(report, undefined, ColdKind.Empty);
  const builtins = coldOf(report, undefined, ColdKind.Builtins);
  const builtinsList = report.measurements.cold?.builtins ?? [];
  const pure = (['pre-signup', 'custom-message'] as const)
    .map((trigger) => coldOf(report, trigger, ColdKind.Ours))
    .filter((result): result is ColdResult => result !== undefined);
  if (empty !== undefined && builtins !== undefined && pure.length > 0) {
    const extra = builtins.importMs.median - empty.importMs.median;
    facts.push(
      `**Pure triggers at cold start.** ${pure.map((result) => `${result.trigger} imports in ${ms(result.importMs.median)} ms`).join(', ')}, ` +
        `an empty module in ${ms(empty.importMs.median)} ms. An empty module that only imports ` +
        `${builtinsList.join(' and ')} (the Node builtins these entries import) takes ${ms(builtins.importMs.median)} ms: ` +
        (extra > 0.1
          ? `up to ${ms(extra)} ms of each entry's extra is Node loading those builtins, the rest is parsing and running the bundle.`
          : 'loading them costs nothing measurable here, so the extra is parsing and running the bundle.'),
    );
  }
  const crypto = coldOf(report, undefined, ColdKind.Crypto);
  if (empty !== undefined && crypto !== undefined) {
    facts.push(
      `**No node:crypto at cold start** (changed because of this): an empty module that imports node:crypto ` +
        `takes ${ms(crypto.importMs.median)} ms, ${ms(crypto.importMs.median - empty.importMs.median)} ms over an ` +
        'empty one, for one SHA-256 per invocation (the email pseudonym of the log line). The logger hashes in ' +
        'plain JavaScript instead, tested equal to node:crypto.',
    );
  }
  const token = findingsOf(report, 'pre-token-generation');
  const tokenEntry = coldOf(report, 'pre-token-generation', ColdKind.Ours);
  const tokenStore = coldOf(report, 'pre-token-generation', ColdKind.OursStorePath);
  const tokenFloor = coldOf(report, 'pre-token-generation', ColdKind.SdkFloor);
  if (token !== undefined && tokenEntry !== undefined && tokenStore !== undefined) {
    facts.push(
      `**The token trigger loads the SDK lazily** (changed because of this): cold start loads ` +
        `${kb(token.entryBytes)} of ${kb(token.bytes)}, no SDK, and imports in ${ms(tokenEntry.importMs.median)} ms; ` +
        `the store module with the SDK (\`store.mjs\`) adds ${ms(tokenStore.importMs.median - tokenEntry.importMs.median)} ms ` +
        `(${ms(tokenStore.importMs.median)} ms in all${tokenFloor === undefined ? '' : `, the SDK floor alone ${ms(tokenFloor.importMs.median)} ms`}), ` +
        'paid only by a container whose first call needs the store.',
    );
  }
  const facts2 = report.measurements.bundles?.facts;
  // Only a fact while it changes something: without code splitting, tree shaking drops bowser anyway.
  if (facts2?.bowser !== undefined && facts2.bowser.bundled > facts2.bowser.external) {
    facts.push(
      `**\`bowser\` stays external** (changed because of this): with code splitting, the SDK's browser-only ` +
        `\`import('bowser')\` would become a chunk of ${count(facts2.bowser.bundled - facts2.bowser.external)} bytes ` +
        `(measured by building the token trigger without the rule: ${count(facts2.bowser.bundled)} bytes instead of ` +
        `${count(facts2.bowser.external)}) that Node never loads.`,
    );
  }
  if (facts2?.utf8 !== undefined) {
    facts.push(
      `**UTF-8 output** (changed because of this): custom-message is ${count(facts2.utf8.ascii - facts2.utf8.utf8)} ` +
        `bytes smaller than with esbuild's default ASCII escapes (${count(facts2.utf8.utf8)} instead of ` +
        `${count(facts2.utf8.ascii)}): the accented text of its catalogs.`,
    );
  }
  const floor = coldOf(report, 'post-confirmation', ColdKind.SdkFloor);
  const withClients = coldOf(report, 'post-confirmation', ColdKind.SdkFloorClients);
  const reset = report.measurements.warm?.results.find(
    (row) => row.trigger === 'post-confirmation' && row.path.includes('ForgotPassword'),
  );
  if (floor !== undefined && withClients?.overSdkFloor !== undefined) {
    const added = withClients.overSdkFloor.ms.median;
    facts.push(
      '**SDK clients are created lazily, once per container** (changed because of this): constructing both ' +
        `clients at import ${added > 0.5 ? `adds ${ms(added)} ms` : `adds no measurable time here (${ms(added)} ms)`} ` +
        `to the SDK floor's ${ms(floor.importMs.median)} ms (median of paired rounds). Post confirmation builds ` +
        `them on the first sign-up; a password reset builds none` +
        `${reset === undefined ? '' : ` and answers in ${us(reset.us.p50)} µs warm (p50)`}.`,
    );
  }
  const confirmation = findingsOf(report, 'post-confirmation');
  const oursConfirmation = coldOf(report, 'post-confirmation', ColdKind.Ours);
  if (confirmation?.floor !== undefined && oursConfirmation?.overSdkFloor !== undefined) {
    facts.push(
      `**Post confirmation is mostly SDK**: ${kb(confirmation.bytes)} against a floor of ${kb(confirmation.floor.bytes)} ` +
        `(${pct(confirmation.bytes / confirmation.floor.bytes - 1)}; the largest packages: ` +
        `${confirmation.byPackage
          .slice(0, 3)
          .map((entry) => `${entry.path} ${kb(entry.bytes)}`)
          .join(', ')}); ` +
        `its cold import is ${ratio(oursConfirmation.overSdkFloor.ratio.median)} the floor's.`,
    );
  }
  const naive = coldOf(report, 'post-confirmation', ColdKind.Naive);
  if (naive !== undefined && oursConfirmation !== undefined) {
    facts.push(
      `**Bundling beats the SDK from node_modules**: the naive post confirmation (whole clients imported ` +
        `unbundled, as with the runtime's SDK) imports in ${ms(naive.importMs.median)} ms, ` +
        `${ratio(naive.importMs.median / oursConfirmation.importMs.median)} ours (${ms(oursConfirmation.importMs.median)} ms). ` +
        'The naive pure triggers import like an empty module: they do not parse emails strictly, escape, ' +
        'bound, log or hash anything.',
    );
  }
  const powertools = TRIGGER_NAMES.map((trigger) => ({
    trigger,
    found: findingsOf(report, trigger),
    cold: coldOf(report, trigger, ColdKind.Powertools),
    ours: coldOf(report, trigger, ColdKind.Ours),
    warm: warmOf(report, trigger, 'powertools'),
    warmOurs: warmOf(report, trigger),
  }));
  const signUp = powertools[0];
  if (signUp?.found !== undefined && signUp.cold !== undefined && signUp.ours !== undefined) {
    const warmCost = (() => {
      if (signUp.warm === undefined || signUp.warmOurs === undefined) return '';
      const p50 = signUp.warm.us.p50 - signUp.warmOurs.us.p50;
      const measuredP50 = `p50 ${us(signUp.warm.us.p50)} against ${us(signUp.warmOurs.us.p50)} µs`;
      const p99 = `p99 ${us(signUp.warm.us.p99)} against ${us(signUp.warmOurs.us.p99)} µs`;
      return p50 > 0.5
        ? `, and ${us(p50)} µs per warm invocation (${measuredP50}; ${p99})`
        : `, and no measurable time per warm invocation at the median (${measuredP50}; ${p99})`;
    })();
    facts.push(
      `**Validating events with Powertools' parser and zod** would add ${kb(signUp.found.powertools.bytes - signUp.found.bytes)} ` +
        `to pre-signup's bundle (zod is bundled whole through its \`z\` namespace), ` +
        `${ms(signUp.cold.importMs.median - signUp.ours.importMs.median)} ms to its cold import${warmCost}. ` +
        'Its Cognito schemas also refuse `clientMetadata: null`, which Cognito sends, and all but one source of ' +
        'pre sign-up and post confirmation: the variant had to widen them.',
    );
  }
  const logged = warmOf(report, 'pre-signup');
  const quiet = report.measurements.warm?.results.find((row) =>
    row.path.includes('log level WARN'),
  );
  if (logged !== undefined && quiet !== undefined) {
    facts.push(
      `**The log line**: pre-signup's p50 is ${us(logged.us.p50)} µs with its one JSON line per invocation and ` +
        `${us(quiet.us.p50)} µs with it switched off (log level WARN): ${us(logged.us.p50 - quiet.us.p50)} µs, ` +
        'written to /dev/null here, to CloudWatch through stdout in Lambda.',
    );
  }
  const cached = report.measurements.warm?.results.find((row) => row.path.includes('cache warm'));
  const uncached = report.measurements.warm?.results.find((row) => row.path.includes('no cache'));
  if (cached !== undefined && uncached !== undefined) {
    facts.push(
      `**The token trigger's cache**: with the store and a warm cache, a sign-in costs ${us(cached.us.p50)} µs ` +
        `(p50); reading the store on every call, as the naive variant does, ${us(uncached.us.p50)} µs against a ` +
        'local dynalite, and a network round trip to DynamoDB in AWS.',
    );
  }
  const provisioning = report.measurements.provisioning;
  const joining = provisioning?.cases.find((item) => item.name.startsWith('a joining'));
  if (provisioning !== undefined && joining !== undefined) {
    facts.push(
      `**Provisioning** a joining user costs ${joining.dynamodb.attempts} DynamoDB round trips and ${joining.cognito} ` +
        `Cognito calls (${ms(joining.latencyMs.median)} ms against local servers); ${provisioning.concurrent.users} ` +
        `concurrent colleagues needed ${(provisioning.concurrent.dynamodbAttempts / provisioning.concurrent.users).toFixed(2)} ` +
        `round trips each (${provisioning.concurrent.dynamodbAttempts === provisioning.concurrent.dynamodbCalls ? 'no call retried' : `${provisioning.concurrent.dynamodbAttempts - provisioning.concurrent.dynamodbCalls} attempts retried`}): ` +
        'single-item conditional writes, no transaction.',
    );
  }
  const e2e = report.measurements.e2e;
  if (e2e?.measured) {
    const steps = e2e.warm.length > 0 && (e2e.warm[0]?.wallMs.n ?? 0) > 0 ? e2e.warm : e2e.cold;
    facts.push(
      `**End to end**, the triggers' share of each step (${steps === e2e.warm ? 'warm' : 'cold'}): ` +
        steps
          .map((step) => `${step.step} ${share(step.share.median)} of ${ms(step.wallMs.median)} ms`)
          .join(', ') +
        '. The rest is the local Cognito emulator and the invoke path, not the triggers.',
    );
  }
  return facts.length === 0
    ? []
    : ['## Where the time goes', '', ...facts.flatMap((fact) => [`- ${fact}`]), ''];
}

function method(): string[] {
  return [
    '## Method and limits',
    '',
    `- Budgets: bundle sizes and the SDK rules from each trigger's \`cognitoTrigger\` (package.json); ` +
      `≤ ${Math.round((SDK_FLOOR_ALLOWANCE - 1) * 100)} % over the SDK floor, cold import within ` +
      `${PURE_COLD_ALLOWANCE_MS} ms of an empty module ("a few milliseconds"), warm p99 under ` +
      `${count(PURE_WARM_P99_US)} µs on paths without I/O (DESIGN.md); provisioning round trips from the tenancy ` +
      `README; Cognito's ${COGNITO_LIMIT_MS / 1000} s limit. A miss is listed at the top; \`pnpm bench\` still exits 0.`,
    '- Baselines: "naive" is plain JavaScript in packages/bench/baselines/, written as AWS samples write these ' +
      'triggers, unbundled, the SDK resolved from node_modules; "Powertools + zod" validates each event with ' +
      '`@aws-lambda-powertools/parser` and its Cognito schemas, then runs our handler, bundled like ours ' +
      '(packages/bench/variants/powertools/).',
    '- Floors: an empty module; for SDK triggers, a bundle exporting only the clients and commands the trigger ' +
      'sends (the commands of its `test/bundle.test.ts` floor), built with the options of packages/bundle.',
    '- Not measured: Lambda itself (init phase, the runtime, the network to DynamoDB and Cognito), Node 22 ' +
      '(the machine has Node 20), and memory.',
    `- Regenerate: \`pnpm build && pnpm bench\` (full, default) or \`pnpm bench --quick\` (smoke). The raw ` +
      'numbers are in BENCHMARKS.json.',
    '',
  ];
}
