import { join, relative } from 'node:path';
import type { BuiltTrigger, Manifest } from './manifest.js';

/** `24.1 KB`: kibibytes with one decimal, the unit the budgets are written in. */
export function formatKB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * The one line `bundle-trigger build` prints for a successful build. A lazy trigger's line
 * shows what loads at cold start, what loads on demand, and the total, each with its budget.
 *
 * @example
 * formatBuildLine(manifest);
 * // 'pre-signup  dist/pre-signup.zip  4.0 KB zip, 8.9 KB bundle (budget 25.0 KB)'
 */
export function formatBuildLine(manifest: Manifest): string {
  const zip = `${formatKB(manifest.zipBytes)} zip`;
  const total = `${formatKB(manifest.bundleBytes)} bundle (budget ${formatKB(manifest.maxBundleBytes)})`;
  const sizes =
    manifest.maxEntryBytes === undefined
      ? `${zip}, ${total}`
      : `${zip}, ${formatKB(manifest.entryBytes)} entry (budget ${formatKB(manifest.maxEntryBytes)}) + ` +
        `${formatKB(manifest.bundleBytes - manifest.entryBytes)} lazy modules = ${total}`;
  return [manifest.trigger, `dist/${manifest.zip}`, sizes].join('  ');
}

/**
 * The table `bundle-trigger summary` prints, zip paths relative to `root`. An `entry / budget`
 * column appears only when some trigger is lazy (`-` for the others, whose entry is the bundle).
 */
export function formatSummary(root: string, built: readonly BuiltTrigger[]): string {
  const anyLazy = built.some(({ manifest }) => manifest.maxEntryBytes !== undefined);
  const entryColumn = (manifest: Manifest): string[] => {
    if (!anyLazy) return [];
    if (manifest.maxEntryBytes === undefined) return ['-'];
    return [`${formatKB(manifest.entryBytes)} / ${formatKB(manifest.maxEntryBytes)}`];
  };
  const header = [
    'trigger',
    'function',
    'zip',
    'zip size',
    ...(anyLazy ? ['entry / budget'] : []),
    'bundle / budget',
    'sourceCodeHash',
  ];
  const rows = built.map(({ dir, manifest }) => [
    manifest.trigger,
    manifest.functionName,
    relative(root, join(dir, 'dist', manifest.zip)),
    formatKB(manifest.zipBytes),
    ...entryColumn(manifest),
    `${formatKB(manifest.bundleBytes)} / ${formatKB(manifest.maxBundleBytes)}`,
    manifest.sourceCodeHash,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
