import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../src/report.js';
import type { Report } from '../src/run.js';

// BENCHMARKS.md as rendered from the figures a full run recorded (`recorded.json`): never from
// live timing.

const recorded = async (): Promise<Report> =>
  JSON.parse(await readFile(join(import.meta.dirname, 'fixtures', 'recorded.json'), 'utf8'));

/** The rows of the `## title` section's table, as header → cell. */
function table(markdown: string, title: string): Record<string, string>[] {
  const body = markdown.split(`## ${title}\n`)[1]?.split('\n## ')[0] ?? '';
  const [header = [], , ...rows] = body
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.slice(2, -2).split(' | '));
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

describe('BENCHMARKS.md', () => {
  it('heads with every trigger as deployed, against the SDK floor and the fair peer', async () => {
    const rows = table(renderReport(await recorded()), 'Headline');

    expect(rows.map((row) => row.trigger)).toEqual([
      'pre-signup',
      'post-confirmation',
      'pre-authentication',
      'pre-token-generation',
      'custom-message',
    ]);
    const preToken = rows.find((row) => row.trigger === 'pre-token-generation');
    expect(preToken?.['ours × SDK floor']).toBe('×1.14');
    expect(preToken?.['ours × peer']).toBe('×1.12');
    // The pure triggers have no SDK floor: their figure is over an empty module.
    expect(rows[0]?.['SDK floor']).toMatch(/^no SDK \(\+\d+\.\d+ ms over an empty module\)$/);
    expect(rows.every((row) => /^×\d\.\d\d$/.test(row['ours × peer'] ?? ''))).toBe(true);
  });

  it('says plainly where the peer ties or beats ours, and nowhere else', async () => {
    const markdown = renderReport(await recorded());
    const findings = markdown
      .split('## Where the fair peer ties or beats us\n')[1]
      ?.split('\n## ')[0]
      ?.split('\n')
      .filter((line) => line.startsWith('- '));

    expect(findings).toContainEqual(
      expect.stringMatching(
        /^- \*\*pre-token-generation, cold start\*\*: the peer beats ours: ours takes ×1\.12/,
      ),
    );
    expect(findings).toContainEqual(
      expect.stringMatching(/^- \*\*post-confirmation, cold start\*\*: the peer ties ours/),
    );
    // Ours is ×0.57 the peer's cold start: not a finding.
    expect(findings?.some((line) => line.includes('pre-signup, cold start'))).toBe(false);
  });

  it('lists a missed budget first, and marks it in the table', async () => {
    const report = await recorded();
    const missed = { ...report.budgets[0], pass: false } as Report['budgets'][number];
    const markdown = renderReport({ ...report, budgets: [missed, ...report.budgets.slice(1)] });

    expect(markdown.split('## Budget misses\n\n')[1]?.split('\n')[0]).toBe(
      `- **MISS** ${missed.subject}: ${missed.budget}; measured ${missed.measured}`,
    );
    expect(table(markdown, 'Budgets')[0]?.result).toBe('**MISS**');
  });
});
