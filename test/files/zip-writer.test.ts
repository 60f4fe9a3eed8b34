/**
 * @fileoverview The streaming zip writer, read back by our own reader (zip-entries.ts): whole and
 * streamed entries, one spanning several deflate chunks, empty ones, the CRC-32 and sizes patched
 * into each local header, and the ZIP64 end record past 65,535 entries. exceljs reading the
 * writer's .xlsx files is checked in xlsx-output.test.ts.
 */
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipWriter, crc32, crc32Table } from '../../src/files/zip-writer';
import { openZip, type ZipEntry } from '../../src/files/zip-entries';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'campaign-sheets-zip-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** CRC-32, compressed and uncompressed size as the entry's local header states them. */
async function localSizes(file: string, entry: ZipEntry): Promise<{ crc: number; compressedSize: number; size: number }> {
  const fh = await open(file, 'r');
  try {
    const h = Buffer.alloc(30);
    await fh.read(h, 0, 30, entry.localHeaderOffset);
    expect(h.readUInt32LE(0)).toBe(0x04034b50);
    return { crc: h.readUInt32LE(14), compressedSize: h.readUInt32LE(18), size: h.readUInt32LE(22) };
  } finally {
    await fh.close();
  }
}

/** Text that deflate cannot shrink to nothing: rows of pseudo-random numbers and some unicode. */
function bulkyText(chars: number): string {
  let seed = 11;
  const parts: string[] = [];
  let n = 0;
  while (n < chars) {
    seed = (seed * 16807) % 2147483647;
    const part = `<row r="${seed % 100000}"><v>${seed}</v><t>café ✓ 数据 ${seed.toString(36)}</t></row>\n`;
    parts.push(part);
    n += part.length;
  }
  return parts.join('');
}

describe('crc32', () => {
  it('gives the check value of the standard, and the table-driven fallback agrees with zlib', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32Table(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
    const data = Buffer.from(bulkyText(50_000));
    expect(crc32Table(data)).toBe(zlib.crc32(data));
    // Continued over two pieces, as the writer does chunk by chunk.
    expect(crc32Table(data.subarray(20_000), crc32Table(data.subarray(0, 20_000)))).toBe(zlib.crc32(data));
  });
});

describe('ZipWriter', () => {
  it('writes whole, streamed, multi-chunk and empty entries that our reader reads back', async () => {
    const file = join(dir, 'entries.zip');
    const big = bulkyText(3_500_000); // more than three of the writer's 1 MB deflate chunks
    const zip = await ZipWriter.create(file);
    await zip.add('[Content_Types].xml', '<Types/>');
    await zip.add('empty.txt', '');
    const streamed = zip.entry('xl/worksheets/sheet1.xml');
    // Pieces of every size, as a sheet writer hands them over, waiting when asked to.
    for (let i = 0; i < big.length; ) {
      const step = 1 + ((i * 7919) % 70_000);
      const wait = streamed.write(big.slice(i, i + step));
      if (wait) await wait;
      i += step;
    }
    await streamed.end();
    const bytes = zip.entry('bytes.bin');
    await bytes.write('text then ');
    await bytes.write(Buffer.from([0xe2, 0x9c, 0x93]));
    await bytes.end();
    const nothing = zip.entry('nothing.xml');
    await nothing.end();
    await zip.close();

    const read = await openZip(file);
    try {
      expect([...read.entries.keys()]).toEqual(['[Content_Types].xml', 'empty.txt', 'xl/worksheets/sheet1.xml', 'bytes.bin', 'nothing.xml']);
      const expected: Record<string, string> = {
        '[Content_Types].xml': '<Types/>', 'empty.txt': '', 'xl/worksheets/sheet1.xml': big, 'bytes.bin': 'text then ✓', 'nothing.xml': '',
      };
      for (const [name, text] of Object.entries(expected)) {
        const entry = read.entries.get(name)!;
        expect(await read.text(entry), name).toBe(text);
        const raw = Buffer.from(text, 'utf8');
        expect(entry.size, name).toBe(raw.length);
        expect(entry.method, name).toBe(8);
        // The local header, patched after streaming, agrees with the central directory and zlib.
        expect(await localSizes(file, entry), name).toEqual({ crc: zlib.crc32(raw), compressedSize: entry.compressedSize, size: raw.length });
      }
      const sheet = read.entries.get('xl/worksheets/sheet1.xml')!;
      expect(sheet.compressedSize).toBeLessThan(sheet.size / 2);
    } finally {
      await read.close();
    }
    // The whole file is one deflate stream per entry that zlib itself inflates.
    const whole = await readFile(file);
    const again = await openZip(file);
    const entry = again.entries.get('xl/worksheets/sheet1.xml')!;
    const start = entry.localHeaderOffset + 30 + whole.readUInt16LE(entry.localHeaderOffset + 26);
    expect(zlib.inflateRawSync(whole.subarray(start, start + entry.compressedSize)).toString('utf8')).toBe(big);
    await again.close();
  });

  it('writes a ZIP64 end record when the entries pass 65,535', async () => {
    const file = join(dir, 'many.zip');
    const zip = await ZipWriter.create(file);
    const count = 65_536 + 3;
    for (let i = 0; i < count; i++) await zip.add(`e/${i}.txt`, String(i));
    await zip.close();
    const whole = await readFile(file);
    // End of central directory: counts saturated, a ZIP64 locator just before it.
    const eocd = whole.length - 22;
    expect(whole.readUInt32LE(eocd)).toBe(0x06054b50);
    expect(whole.readUInt16LE(eocd + 10)).toBe(0xffff);
    expect(whole.readUInt32LE(eocd - 20)).toBe(0x07064b50);
    const read = await openZip(file);
    try {
      expect(read.entries.size).toBe(count);
      expect(await read.text(read.entries.get('e/65538.txt')!)).toBe('65538');
      expect(await read.text(read.entries.get('e/0.txt')!)).toBe('0');
    } finally {
      await read.close();
    }
  }, 60_000);

  it('refuses a second entry while one is open, and a close with an entry unfinished', async () => {
    const zip = await ZipWriter.create(join(dir, 'misuse.zip'));
    const open1 = zip.entry('a.xml');
    expect(() => zip.entry('b.xml')).toThrow(/b\.xml.*still being written/);
    await expect(zip.close()).rejects.toThrow(/still being written/);
    await open1.end();
    await zip.close();
    const read = await openZip(join(dir, 'misuse.zip'));
    expect([...read.entries.keys()]).toEqual(['a.xml']);
    await read.close();
  });
});
