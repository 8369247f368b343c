import { join, relative } from 'node:path';
import type { BuiltTrigger, Manifest } from './manifest.js';

/** `24.1 KB`: kibibytes with one decimal, the unit the budgets are written in. */
export function formatKB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** The one line `bundle-trigger build` prints for a successful build. */
export function formatBuildLine(manifest: Manifest): string {
  return [
    manifest.trigger,
    `dist/${manifest.zip}`,
    `${formatKB(manifest.zipBytes)} zip, ${formatKB(manifest.bundleBytes)} bundle (budget ${formatKB(manifest.maxBundleBytes)})`,
  ].join('  ');
}

/** The table `bundle-trigger summary` prints, zip paths relative to `root`. */
export function formatSummary(root: string, built: readonly BuiltTrigger[]): string {
  const header = ['trigger', 'function', 'zip', 'zip size', 'bundle / budget', 'sourceCodeHash'];
  const rows = built.map(({ dir, manifest }) => [
    manifest.trigger,
    manifest.functionName,
    relative(root, join(dir, 'dist', manifest.zip)),
    formatKB(manifest.zipBytes),
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
