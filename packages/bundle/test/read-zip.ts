import { inflateRawSync } from 'node:zlib';

/** One entry as the zip's central directory and local header describe it. */
export interface ZipRecord {
  readonly name: string;
  readonly method: number;
  readonly dosDate: number;
  readonly dosTime: number;
  /** Unix mode from the high 16 bits of the external attributes. */
  readonly mode: number;
  readonly centralExtraLength: number;
  readonly localExtraLength: number;
  readonly commentLength: number;
  readonly data: Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * A deliberately small zip reader (no zip64, no encryption) so the tests check the archive's
 * bytes themselves instead of trusting the library that wrote them.
 */
export function readZip(zip: Buffer): { readonly comment: string; readonly entries: ZipRecord[] } {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || zip.readUInt32LE(eocd) !== EOCD) throw new Error('no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  const commentLength = zip.readUInt16LE(eocd + 20);
  let offset = zip.readUInt32LE(eocd + 16);
  const entries: ZipRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL) throw new Error(`bad central header at ${offset}`);
    const method = zip.readUInt16LE(offset + 10);
    const dosTime = zip.readUInt16LE(offset + 12);
    const dosDate = zip.readUInt16LE(offset + 14);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const centralExtraLength = zip.readUInt16LE(offset + 30);
    const fileCommentLength = zip.readUInt16LE(offset + 32);
    const mode = zip.readUInt32LE(offset + 38) >>> 16;
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);

    if (zip.readUInt32LE(localOffset) !== LOCAL) throw new Error(`bad local header for ${name}`);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const raw = zip.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    if (data.length !== size) throw new Error(`size mismatch for ${name}`);

    entries.push({
      name,
      method,
      dosDate,
      dosTime,
      mode,
      centralExtraLength,
      localExtraLength,
      commentLength: fileCommentLength,
      data,
    });
    offset += 46 + nameLength + centralExtraLength + fileCommentLength;
  }
  return { comment: zip.toString('utf8', eocd + 22, eocd + 22 + commentLength), entries };
}
