import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findWorkspaceRoot, InputError } from '../src/index.js';

let scratch: string;

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cli-kit-root-'));
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('findWorkspaceRoot', () => {
  it('finds the nearest folder above that holds pnpm-workspace.yaml', async () => {
    const outer = join(scratch, 'outer');
    const inner = join(outer, 'packages', 'inner');
    await mkdir(join(inner, 'src'), { recursive: true });
    await writeFile(join(outer, 'pnpm-workspace.yaml'), 'packages: []\n');
    await writeFile(join(inner, 'pnpm-workspace.yaml'), 'packages: []\n');

    expect(await findWorkspaceRoot(join(inner, 'src'))).toBe(inner);
    expect(await findWorkspaceRoot(join(outer, 'packages'))).toBe(outer);
  });

  it('ignores a folder named pnpm-workspace.yaml', async () => {
    const nested = join(scratch, 'repo', 'a');
    await mkdir(join(nested, 'pnpm-workspace.yaml'), { recursive: true });
    await writeFile(join(scratch, 'repo', 'pnpm-workspace.yaml'), 'packages: []\n');

    expect(await findWorkspaceRoot(nested)).toBe(join(scratch, 'repo'));
  });

  it('names the folder it started from and says to pass --root when there is none', async () => {
    const error = await findWorkspaceRoot(join(scratch, 'nowhere')).catch((caught) => caught);

    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `no pnpm-workspace.yaml at or above ${join(scratch, 'nowhere')}: pass --root DIR (the repository root)`,
    );
  });
});
