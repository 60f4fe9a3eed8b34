/**
 * @fileoverview properties.json of the local sidebar: a file that is not a JSON object of texts
 * stops every use with a message naming it and is never written over; values keep Apps Script's
 * limits; every save replaces the file by a rename, leaving no temporary file.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROPERTY_VALUE_MAX_BYTES, PropertiesFileError, propertiesFile } from '../../src/local/properties-file';

const dirs: string[] = [];
function fileIn(content?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-props-'));
  dirs.push(dir);
  const file = join(dir, 'properties.json');
  if (content !== undefined) writeFileSync(file, content, 'utf8');
  return file;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('properties.json', () => {
  it.each([
    ['truncated', '{"cs.settings": "{\\"halfLifeDays\\": 3', /not valid JSON/],
    ['null', 'null', /holds null, not an object/],
    ['a list', '[1,2]', /holds a list, not an object/],
    ['a text', '"hello"', /holds a text, not an object/],
    ['a number value', '{"cs.settings": 5}', /"cs.settings" is number, not a text/],
    ['empty', '', /not valid JSON/],
  ])('refuses a file that is %s, naming it, and never writes over it', (_, content, why) => {
    const file = fileIn(content);
    const props = propertiesFile(file);
    let error: unknown;
    try {
      props.check();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PropertiesFileError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(why);
    expect((error as Error).message).toMatch(/fix the file .* or move it away/);
    // Every use refuses, writes included: the file is exactly as the user left it.
    expect(() => props.get('cs.settings')).toThrow(PropertiesFileError);
    expect(() => props.keys()).toThrow(PropertiesFileError);
    expect(() => props.set('cs.settings', '{}')).toThrow(PropertiesFileError);
    expect(() => props.delete('cs.settings')).toThrow(PropertiesFileError);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('works again once the file is fixed or moved away', () => {
    const file = fileIn('[1,2]');
    const props = propertiesFile(file);
    expect(() => props.check()).toThrow(PropertiesFileError);
    writeFileSync(file, '{"a": "1"}', 'utf8');
    expect(props.get('a')).toBe('1');
    rmSync(file);
    expect(props.keys()).toEqual([]);
    props.set('b', '2');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ b: '2' });
  });

  it('reads a change made on disk by someone else', () => {
    const file = fileIn('{"a": "1"}');
    const props = propertiesFile(file);
    expect(props.get('a')).toBe('1');
    writeFileSync(file, '{"a": "2", "bb": "3"}', 'utf8');
    expect(props.get('a')).toBe('2');
    expect(props.keys()).toEqual(['a', 'bb']);
  });

  it('keeps Apps Script\'s 9 KB per value, changing nothing when refused', () => {
    const file = fileIn('{"a": "1"}');
    const props = propertiesFile(file);
    props.set('fits', 'x'.repeat(PROPERTY_VALUE_MAX_BYTES));
    expect(() => props.set('big', 'x'.repeat(PROPERTY_VALUE_MAX_BYTES + 1))).toThrow(/Argument too large: value.*9 KB.*"big"/);
    // Bytes, not characters: 3,100 three-byte characters are over 9 KB.
    expect(() => props.set('wide', '€'.repeat(3100))).toThrow(/Argument too large/);
    // A 900 KB value, as a hostile request once stored.
    expect(() => props.set('huge', 'x'.repeat(900 * 1024))).toThrow(/Argument too large/);
    expect(props.get('big')).toBeNull();
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')))).toEqual(['a', 'fits']);
  });

  it('keeps Apps Script\'s 500 KB per store', () => {
    const props = propertiesFile(fileIn());
    const chunk = 'y'.repeat(9 * 1024 - 10);
    for (let i = 0; i < 54; i++) props.set(`k${i}`, chunk);
    expect(() => {
      for (let i = 54; i < 60; i++) props.set(`k${i}`, chunk);
    }).toThrow(/exceeded the property storage quota/);
    expect(props.keys().length).toBeLessThan(60);
  });

  it('saves by writing a temporary file and renaming it over the old one', () => {
    const file = fileIn('{"a": "1"}');
    const before = statSync(file).ino;
    const props = propertiesFile(file);
    props.set('b', '2');
    // A rename puts a new file in place (a new inode); writing in place would keep the old one.
    expect(statSync(file).ino).not.toBe(before);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: '1', b: '2' });
    props.delete('a');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ b: '2' });
    expect(readdirSync(join(file, '..'))).toEqual(['properties.json']);
  });
});
