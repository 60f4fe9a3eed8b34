/**
 * @fileoverview The XML of an .xlsx's parts (SpreadsheetML, ECMA-376), written as text: the package
 * parts, the workbook, the style sheet, and a worksheet's opening, cells and closing, each element
 * in the order Excel's schema demands. Cell text is escaped for XML 1.0 and for SpreadsheetML's own
 * `_xHHHH_` escapes, so what a cell says is what Excel (and our reader) shows.
 */
import { columnLetter } from '../engine/report-tab/layout';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * What cell text must not hold as is: XML's specials, the control characters XML 1.0 forbids (and
 * CR, which XML reads back as LF), the two non-characters U+FFFE/U+FFFF, and a literal `_xHHHH_`
 * (Excel would read it as an escape).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const TEXT_SPECIALS = /[&<>\r\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const TEXT_SPECIALS_ALL = new RegExp(TEXT_SPECIALS.source, 'g');
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ATTR_SPECIALS = /[&<>"\t\n\r\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const ATTR_SPECIALS_ALL = new RegExp(ATTR_SPECIALS.source, 'g');

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;' };

function escapeOne(m: string): string {
  // `_x0041_` as text: its underscore escaped (`_x005F_`), as Excel writes it.
  if (m.length > 1) return '_x005F' + m;
  return ENTITY[m] ?? `_x${m.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
}

/** Text as element content: `&<>` as entities, control characters as Excel's `_x0001_`. */
export function xmlText(s: string): string {
  return TEXT_SPECIALS.test(s) ? s.replace(TEXT_SPECIALS_ALL, escapeOne) : s;
}

/** Text as an attribute value: also `"`, and tab/LF as character references (a parser would make them spaces). */
export function xmlAttr(s: string): string {
  return ATTR_SPECIALS.test(s) ? s.replace(ATTR_SPECIALS_ALL, escapeOne) : s;
}

// ---------------------------------------------------------------------------------------------
// Cells

/** A number cell; `s` the style index (0: the default). */
export const numberCell = (ref: string, s: number, n: number): string =>
  s ? `<c r="${ref}" s="${s}"><v>${n}</v></c>` : `<c r="${ref}"><v>${n}</v></c>`;

/**
 * A text cell, as inline text: never a formula, whatever it starts with. Spaces at either end are
 * kept by `xml:space="preserve"`, written (as Excel does) only where there are some.
 */
export function textCell(ref: string, s: number, text: string): string {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  const t = first <= 32 || last <= 32 ? '<t xml:space="preserve">' : '<t>';
  return `<c r="${ref}"${s ? ` s="${s}"` : ''} t="inlineStr"><is>${t}${xmlText(text)}</t></is></c>`;
}

export const booleanCell = (ref: string, s: number, b: boolean): string =>
  `<c r="${ref}"${s ? ` s="${s}"` : ''} t="b"><v>${b ? 1 : 0}</v></c>`;

/** A cell with a look and no value. */
export const blankCell = (ref: string, s: number): string => `<c r="${ref}" s="${s}"/>`;

// ---------------------------------------------------------------------------------------------
// Styles

/** Number formats Excel knows by id; any other pattern gets an id from 164 up. */
const BUILTIN_FORMATS: Record<string, number> = { '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '@': 49 };
const FIRST_CUSTOM_FORMAT = 164;

/**
 * The cell styles a workbook uses, by index (`s`): 0 plain, 1 bold, then one per number format
 * pattern in the order first asked for.
 */
export class CellStyles {
  static readonly PLAIN = 0;
  static readonly BOLD = 1;
  private readonly patterns = new Map<string, number>();

  /** The style of numbers shown with `pattern`. */
  numberFormat(pattern: string): number {
    let s = this.patterns.get(pattern);
    if (s === undefined) this.patterns.set(pattern, (s = 2 + this.patterns.size));
    return s;
  }

  /** xl/styles.xml: Excel wants a default font, the two default fills, a border and a Normal style. */
  xml(): string {
    const numFmts: string[] = [];
    const xfs = [
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
    ];
    for (const pattern of this.patterns.keys()) {
      let id = BUILTIN_FORMATS[pattern];
      if (id === undefined) {
        id = FIRST_CUSTOM_FORMAT + numFmts.length;
        numFmts.push(`<numFmt numFmtId="${id}" formatCode="${xmlAttr(pattern)}"/>`);
      }
      xfs.push(`<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`);
    }
    const font = (bold: boolean) => `<font>${bold ? '<b/>' : ''}<sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font>`;
    return DECLARATION +
      `<styleSheet xmlns="${MAIN_NS}">` +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
      `<fonts count="2">${font(false)}${font(true)}</fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>';
  }
}

// ---------------------------------------------------------------------------------------------
// Package and workbook parts

export interface SheetEntry {
  /** The tab's name, already valid for Excel. */
  name: string;
  /** Its filtered range (`A1:C20`), or null. */
  autoFilter: string | null;
}

export const sheetPath = (index: number) => `xl/worksheets/sheet${index + 1}.xml`;

export function contentTypesXml(sheetCount: number): string {
  const type = (kind: string) => `application/vnd.openxmlformats-officedocument.${kind}`;
  const sheets = Array.from({ length: sheetCount }, (_, i) =>
    `<Override PartName="/${sheetPath(i)}" ContentType="${type('spreadsheetml.worksheet+xml')}"/>`).join('');
  return DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${type('spreadsheetml.sheet.main+xml')}"/>` +
    sheets +
    `<Override PartName="/xl/styles.xml" ContentType="${type('spreadsheetml.styles+xml')}"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '</Types>';
}

export function rootRelsXml(): string {
  return DECLARATION +
    `<Relationships xmlns="${PKG_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
    `<Relationship Id="rId2" Type="${PKG_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>` +
    '</Relationships>';
}

/** docProps/core.xml: who made the file, and when (seconds, UTC). */
export function corePropsXml(creator: string, created: Date): string {
  const when = created.toISOString().replace(/\.\d+Z$/, 'Z');
  return DECLARATION +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${xmlText(creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>';
}

/** A sheet name inside a formula reference: always quoted, its quotes doubled. */
const quotedSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** `A7:H9` as `$A$7:$H$9`. */
const absolute = (range: string) => range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');

/**
 * xl/workbook.xml: the tabs in order (relationship rId<n+1> is sheet n) and, for each filtered
 * one, the hidden `_xlnm._FilterDatabase` name Excel keeps beside an autofilter.
 */
export function workbookXml(sheets: SheetEntry[]): string {
  const tabs = sheets.map((s, i) => `<sheet name="${xmlAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const names = sheets.flatMap((s, i) => (s.autoFilter
    ? [`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(`${quotedSheet(s.name)}!${absolute(s.autoFilter)}`)}</definedName>`]
    : [])).join('');
  return DECLARATION +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<bookViews><workbookView/></bookViews>' +
    `<sheets>${tabs}</sheets>` +
    (names ? `<definedNames>${names}</definedNames>` : '') +
    '</workbook>';
}

/** xl/_rels/workbook.xml.rels: each sheet (rId1..n), then the styles. */
export function workbookRelsXml(sheetCount: number): string {
  const sheets = Array.from({ length: sheetCount }, (_, i) =>
    `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="${sheetPath(i).slice('xl/'.length)}"/>`).join('');
  return DECLARATION +
    `<Relationships xmlns="${PKG_REL_NS}">${sheets}` +
    `<Relationship Id="rId${sheetCount + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
    '</Relationships>';
}

// ---------------------------------------------------------------------------------------------
// Worksheets

export interface SheetFrame {
  /** Rows and columns the sheet's cells span (0: none). */
  rows: number;
  columns: number;
  /** Rows frozen at the top (0: none). */
  frozenRows: number;
  /** Each column's width in characters, from column A. */
  widths: number[];
}

/** A worksheet up to its first row: dimension, view (the frozen pane), default row height, widths. */
export function sheetStart(frame: SheetFrame): string {
  const dimension = frame.rows > 0 && frame.columns > 0 ? `A1:${columnLetter(frame.columns - 1)}${frame.rows}` : 'A1';
  const y = frame.frozenRows;
  const view = y > 0
    ? `<sheetView workbookViewId="0"><pane ySplit="${y}" topLeftCell="A${y + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView>`
    : '<sheetView workbookViewId="0"/>';
  const cols = frame.widths.map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`).join('');
  return DECLARATION +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="${dimension}"/>` +
    `<sheetViews>${view}</sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    '<sheetData>';
}

/** A worksheet after its last row: its autofilter, and Excel's default page margins. */
export function sheetEnd(autoFilter: string | null): string {
  return '</sheetData>' +
    (autoFilter ? `<autoFilter ref="${autoFilter}"/>` : '') +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '</worksheet>';
}
