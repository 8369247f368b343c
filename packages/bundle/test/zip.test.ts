import { describe, expect, it } from 'vitest';
import { base64Sha256, createReproducibleZip } from '../src/index.js';
import { readZip } from './read-zip.js';

const text = (value: string) => new TextEncoder().encode(value);

describe('createReproducibleZip', () => {
  it('orders entries by name, whatever order they are given in', async () => {
    const a = { name: 'a.mjs', data: text('export const a = 1;\n') };
    const b = { name: 'b.mjs', data: text('export const b = 2;\n') };

    const forward = await createReproducibleZip([a, b]);
    const backward = await createReproducibleZip([b, a]);

    expect(backward.equals(forward)).toBe(true);
    expect(readZip(forward).entries.map((entry) => entry.name)).toEqual(['a.mjs', 'b.mjs']);
  });

  it('round-trips the bytes through deflate', async () => {
    const data = text('export const handler = async (event) => event;\n'.repeat(50));

    const zip = await createReproducibleZip([{ name: 'index.mjs', data }]);

    const [entry] = readZip(zip).entries;
    expect(entry?.method).toBe(8);
    expect(entry?.data.equals(Buffer.from(data))).toBe(true);
  });

  it('refuses an empty zip and duplicate names', async () => {
    const entry = { name: 'index.mjs', data: text('') };

    await expect(createReproducibleZip([])).rejects.toThrow('at least one entry');
    await expect(createReproducibleZip([entry, entry])).rejects.toThrow('duplicate zip entry');
  });
});

describe('base64Sha256', () => {
  it("matches Terraform's filebase64sha256 of an empty file", () => {
    expect(base64Sha256(new Uint8Array())).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });
});
