/**
 * @fileoverview The entries of a zip file (an .xlsx is one), read from its central directory, each
 * streamed and inflated by Node's native zlib on demand, so a 500 MB sheet is never held whole.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { Readable } from 'node:stream';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export interface ZipFile {
  entries: Map<string, ZipEntry>;
  /** The entry's uncompressed bytes as a stream. */
  stream(entry: ZipEntry): Promise<Readable>;
  /** The whole entry as text (for the small parts: workbook, styles, relationships). */
  text(entry: ZipEntry): Promise<string>;
  close(): Promise<void>;
}

/** The records' signatures (zip-writer.ts writes them). */
export const EOCD = 0x06054b50;
export const ZIP64_EOCD_LOCATOR = 0x07064b50;
export const CENTRAL_HEADER = 0x02014b50;
export const LOCAL_HEADER = 0x04034b50;

export class NotAZipError extends Error {}

export async function openZip(path: string): Promise<ZipFile> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 65_557);
    const tail = await readAt(fh, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new NotAZipError('not a zip archive (no central directory)');
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_EOCD_LOCATOR) {
      const z64 = await readAt(fh, Number(tail.readBigUInt64LE(eocd - 20 + 8)), 56);
      count = Number(z64.readBigUInt64LE(32));
      cdSize = Number(z64.readBigUInt64LE(40));
      cdOffset = Number(z64.readBigUInt64LE(48));
    }
    const cd = await readAt(fh, cdOffset, cdSize);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let k = 0; k < count && p + 46 <= cd.length; k++) {
      if (cd.readUInt32LE(p) !== CENTRAL_HEADER) throw new NotAZipError('damaged central directory');
      const method = cd.readUInt16LE(p + 10);
      let compressedSize = cd.readUInt32LE(p + 20);
      let uncompressed = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      let localHeaderOffset = cd.readUInt32LE(p + 42);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      // Zip64: sizes and offset that overflow 32 bits sit in extra field 0x0001, in this order.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 1) {
          let q = e + 4;
          if (uncompressed === 0xffffffff) { uncompressed = Number(cd.readBigUInt64LE(q)); q += 8; }
          if (compressedSize === 0xffffffff) { compressedSize = Number(cd.readBigUInt64LE(q)); q += 8; }
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(cd.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      entries.set(name.replace(/^\/+/, ''), { name, method, compressedSize, size: uncompressed, localHeaderOffset });
      p = extraEnd + commentLength;
    }
    const zip: ZipFile = {
      entries,
      async stream(entry) {
        const local = await readAt(fh, entry.localHeaderOffset, 30);
        if (local.readUInt32LE(0) !== LOCAL_HEADER) throw new NotAZipError(`damaged entry ${entry.name}`);
        const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
        if (entry.compressedSize === 0) return Readable.from([]);
        const raw = createReadStream('', { fd: fh.fd, start, end: start + entry.compressedSize - 1, autoClose: false, highWaterMark: 1 << 20 });
        if (entry.method === 0) return raw;
        if (entry.method !== 8) throw new NotAZipError(`entry ${entry.name} uses compression method ${entry.method}, which an .xlsx never uses`);
        return raw.pipe(createInflateRaw({ chunkSize: 1 << 20 }));
      },
      async text(entry) {
        const chunks: Buffer[] = [];
        for await (const chunk of await zip.stream(entry)) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      },
      close: () => fh.close(),
    };
    return zip;
  } catch (err) {
    await fh.close();
    throw err;
  }
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}
