/**
 * @fileoverview A zip file written as it goes (an .xlsx is one): each entry is raw-deflated by
 * Node's zlib as its text arrives, a megabyte at a time, and reaches the file chunk by chunk, so a
 * 300 MB sheet is never held whole. A streamed entry's local header is written first with blank sizes and patched in
 * place once the entry ends (no data descriptors: streaming readers then find the sizes where they
 * look first).
 *
 * ZIP64: a file past 4 GiB gets ZIP64 offsets in its central directory and a ZIP64 end record (what
 * our reader, zip-entries.ts, and Excel read). A single entry past 4 GiB is refused with an error
 * naming it: its ZIP64 sizes would have to be announced in its local header before its size is
 * known, i.e. in every streamed entry's header, and an .xlsx sheet that large (some hundred million
 * cells) is far beyond the 1,048,576 rows Excel opens anyway.
 */
import { open, type FileHandle } from 'node:fs/promises';
import * as zlib from 'node:zlib';
import { CENTRAL_HEADER, EOCD, LOCAL_HEADER, ZIP64_EOCD_LOCATOR } from './zip-entries';

const ZIP64_EOCD = 0x06064b50;
const DEFLATE = 8;
/** Bit 11: the name is UTF-8. */
const UTF8_NAME = 0x0800;
const MAX_32 = 0xffffffff;
/** "Version needed to extract": 2.0 for deflate, 4.5 for ZIP64 fields. */
const VERSION_DEFLATE = 20;
const VERSION_ZIP64 = 45;
/** Level 4 is about twice as fast as 9 for a few % more bytes. */
const LEVEL = 4;
/** Text gathered before it is encoded, checksummed and deflated (a deflate chunk). */
const CHUNK_CHARS = 1 << 20;
/** Bytes gathered into one write to the file. */
const WRITE_BYTES = 1 << 20;
/** Compressed bytes allowed in flight to the file before the writer waits for the disk. */
const MAX_PENDING_BYTES = 16 << 20;

/** An entry being written: text in, in order; `end` finishes it. */
export interface ZipEntryWriter {
  /**
   * Adds text (UTF-8 encoded) or bytes. Returns a promise only when it handed a chunk on and the
   * caller should wait before writing more (undefined: the text was only gathered).
   */
  write(data: string | Buffer): Promise<void> | undefined;
  end(): Promise<void>;
}

interface CentralRecord {
  name: Buffer;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/**
 * CRC-32 (ISO 3309, zip's), continuing from `crc`: zlib's native one (Node ≥ 20.15), else a
 * table-driven one.
 */
export const crc32: (data: Buffer, crc?: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (data, crc = 0) => zlib.crc32(data, crc) : crc32Table;

let table: Uint32Array | null = null;

/** The table-driven CRC-32, for Node without `zlib.crc32`. */
export function crc32Table(data: Buffer, crc = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** The MS-DOS time and date a zip header holds, in local time as zip tools read them. */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export class ZipWriter {
  private position = 0;
  private readonly records: CentralRecord[] = [];
  private readonly pending = new Set<Promise<void>>();
  private pendingBytes = 0;
  private queued: Buffer[] = [];
  private queuedBytes = 0;
  private failure: unknown = null;
  private entryOpen = false;
  private readonly stamp = dosTime(new Date());

  private constructor(private readonly fh: FileHandle) {}

  /** A new zip at `path` (replacing any file there). */
  static async create(path: string): Promise<ZipWriter> {
    return new ZipWriter(await open(path, 'w'));
  }

  /** A small entry given whole. */
  async add(name: string, data: string | Buffer): Promise<void> {
    this.check(name);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const compressed = zlib.deflateRawSync(bytes, { level: LEVEL });
    const record = this.record(name, crc32(bytes), compressed.length, bytes.length);
    this.put(this.localHeader(record));
    this.put(compressed);
    await this.backpressure();
  }

  /** A streamed entry: write its text in order, then end it before starting another. */
  entry(name: string): ZipEntryWriter {
    this.check(name);
    this.entryOpen = true;
    const record = this.record(name, 0, 0, 0);
    this.put(this.localHeader(record));
    let gathered = '';
    /**
     * Each chunk is deflated on its own and ends on a sync flush (a byte-aligned empty block, not
     * the last one), so the chunks concatenate into one deflate stream that the final chunk ends.
     * Compressing in this thread, chunk by chunk, cost a third less than a zlib stream's round
     * trips through the thread pool on the demo.
     */
    const push = (bytes: Buffer, last: boolean): Promise<void> | undefined => {
      record.crc = crc32(bytes, record.crc);
      record.size += bytes.length;
      const deflated = zlib.deflateRawSync(bytes, { level: LEVEL, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH });
      record.compressedSize += deflated.length;
      this.put(deflated);
      return this.backpressure();
    };
    return {
      write: (data) => {
        if (typeof data !== 'string') {
          const bytes = gathered ? Buffer.concat([Buffer.from(gathered, 'utf8'), data]) : data;
          gathered = '';
          return push(bytes, false);
        }
        gathered += data;
        if (gathered.length < CHUNK_CHARS) return undefined;
        const bytes = Buffer.from(gathered, 'utf8');
        gathered = '';
        return push(bytes, false);
      },
      end: async () => {
        await push(Buffer.from(gathered, 'utf8'), true);
        gathered = '';
        if (record.size > MAX_32 || record.compressedSize > MAX_32) {
          throw new Error(`${name} holds ${record.size.toLocaleString('en-US')} bytes: a zip entry past 4 GiB needs ZIP64 sizes, which this writer does not write`);
        }
        // The header must be on disk before its sizes are patched over it.
        await this.settle();
        const sizes = Buffer.alloc(12);
        sizes.writeUInt32LE(record.crc, 0);
        sizes.writeUInt32LE(record.compressedSize, 4);
        sizes.writeUInt32LE(record.size, 8);
        await this.fh.write(sizes, 0, 12, record.offset + 14);
        this.entryOpen = false;
      },
    };
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    if (this.entryOpen) throw new Error('A zip entry is still being written');
    try {
      const start = this.position;
      for (const r of this.records) this.put(this.centralHeader(r));
      const size = this.position - start;
      const count = this.records.length;
      if (count > 0xffff || start >= MAX_32 || size >= MAX_32) {
        const z64 = Buffer.alloc(56 + 20);
        z64.writeUInt32LE(ZIP64_EOCD, 0);
        z64.writeBigUInt64LE(44n, 4);
        z64.writeUInt16LE(VERSION_ZIP64, 12);
        z64.writeUInt16LE(VERSION_ZIP64, 14);
        z64.writeBigUInt64LE(BigInt(count), 24);
        z64.writeBigUInt64LE(BigInt(count), 32);
        z64.writeBigUInt64LE(BigInt(size), 40);
        z64.writeBigUInt64LE(BigInt(start), 48);
        z64.writeUInt32LE(ZIP64_EOCD_LOCATOR, 56);
        z64.writeBigUInt64LE(BigInt(start + size), 56 + 8);
        z64.writeUInt32LE(1, 56 + 16);
        this.put(z64);
      }
      const eocd = Buffer.alloc(22);
      eocd.writeUInt32LE(EOCD, 0);
      eocd.writeUInt16LE(Math.min(count, 0xffff), 8);
      eocd.writeUInt16LE(Math.min(count, 0xffff), 10);
      eocd.writeUInt32LE(Math.min(size, MAX_32), 12);
      eocd.writeUInt32LE(Math.min(start, MAX_32), 16);
      this.put(eocd);
      await this.settle();
    } finally {
      await this.fh.close();
    }
  }

  /** Closes the file after a failure (the caller removes it). */
  async abandon(): Promise<void> {
    this.queued = [];
    await Promise.allSettled(this.pending);
    await this.fh.close().catch(() => {});
  }

  private check(name: string): void {
    if (this.entryOpen) throw new Error(`Cannot start ${name}: the previous zip entry is still being written`);
    if (this.failure) throw this.failure;
  }

  private record(name: string, crc: number, compressedSize: number, size: number): CentralRecord {
    const r: CentralRecord = { name: Buffer.from(name, 'utf8'), flags: /^[\x20-\x7e]*$/.test(name) ? 0 : UTF8_NAME, crc, compressedSize, size, offset: this.position };
    this.records.push(r);
    return r;
  }

  private localHeader(r: CentralRecord): Buffer {
    const h = Buffer.alloc(30 + r.name.length);
    h.writeUInt32LE(LOCAL_HEADER, 0);
    h.writeUInt16LE(VERSION_DEFLATE, 4);
    this.entryFields(h, 6, r);
    r.name.copy(h, 30);
    return h;
  }

  /** The fields local and central headers share, in the same order: flags to the name's length. */
  private entryFields(h: Buffer, at: number, r: CentralRecord): void {
    h.writeUInt16LE(r.flags, at);
    h.writeUInt16LE(DEFLATE, at + 2);
    h.writeUInt16LE(this.stamp.time, at + 4);
    h.writeUInt16LE(this.stamp.date, at + 6);
    h.writeUInt32LE(r.crc, at + 8);
    h.writeUInt32LE(r.compressedSize, at + 12);
    h.writeUInt32LE(r.size, at + 16);
    h.writeUInt16LE(r.name.length, at + 20);
  }

  private centralHeader(r: CentralRecord): Buffer {
    // Only the offset can pass 4 GiB (entries that large are refused): ZIP64 extra field 0x0001.
    const zip64 = r.offset >= MAX_32;
    const h = Buffer.alloc(46 + r.name.length + (zip64 ? 12 : 0));
    h.writeUInt32LE(CENTRAL_HEADER, 0);
    h.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_DEFLATE, 4);
    h.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_DEFLATE, 6);
    this.entryFields(h, 8, r);
    h.writeUInt16LE(zip64 ? 12 : 0, 30);
    h.writeUInt32LE(zip64 ? MAX_32 : r.offset, 42);
    r.name.copy(h, 46);
    if (zip64) {
      const e = 46 + r.name.length;
      h.writeUInt16LE(1, e);
      h.writeUInt16LE(8, e + 2);
      h.writeBigUInt64LE(BigInt(r.offset), e + 4);
    }
    return h;
  }

  /**
   * Appends `bytes` to the file: small pieces (headers, small entries) are gathered into one write
   * of at least a megabyte; the writes are positional and may run side by side.
   */
  private put(bytes: Buffer): void {
    if (!bytes.length) return;
    this.queued.push(bytes);
    this.queuedBytes += bytes.length;
    this.position += bytes.length;
    if (this.queuedBytes >= WRITE_BYTES) this.flush();
  }

  private flush(): void {
    const length = this.queuedBytes;
    if (!length) return;
    const bytes = this.queued.length === 1 ? this.queued[0] : Buffer.concat(this.queued, length);
    const at = this.position - length;
    this.queued = [];
    this.queuedBytes = 0;
    this.pendingBytes += length;
    const p: Promise<void> = this.fh.write(bytes, 0, length, at).then(
      () => void (this.pendingBytes -= length),
      (e: unknown) => void (this.failure ??= e),
    ).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Waits while too many bytes are on their way to the disk; undefined when none need waiting for. */
  private backpressure(): Promise<void> | undefined {
    if (this.pendingBytes <= MAX_PENDING_BYTES && !this.failure) return undefined;
    return (async () => {
      while (this.pendingBytes > MAX_PENDING_BYTES && this.pending.size && !this.failure) await Promise.race(this.pending);
      if (this.failure) throw this.failure;
    })();
  }

  /** Everything put so far, on disk. */
  private async settle(): Promise<void> {
    this.flush();
    await Promise.all(this.pending);
    if (this.failure) throw this.failure;
  }
}
