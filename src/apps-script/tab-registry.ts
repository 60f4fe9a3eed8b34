/**
 * @fileoverview Which tabs the add-on made, by sheet id, and a refresh's switch still under way.
 * A tab is the add-on's only while it has the id and the exact name it was made with: a user's
 * `cs overview`, a copy of a report tab, or a report tab the user renamed is theirs, never written.
 * Kept in one document property, changed only under the document lock.
 */
import { SCRATCH_SUFFIX } from '../server/tab-names';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Properties = GoogleAppsScript.Properties.Properties;

const KEY = 'cs.tabs';

/** A scratch tab written in full, waiting to replace (or become) its target tab. */
export interface PendingSwitch {
  scratchId: number;
  target: string;
  frozenRows: number;
  hidden: boolean;
}

interface Stored {
  /** Sheet id -> the name the add-on gave it. */
  tabs: Record<string, string>;
  /** Set while a refresh switches its scratch tabs in: what is left to do if it stopped. */
  switching?: PendingSwitch[];
}

export class TabRegistry {
  private data: Stored;

  constructor(private readonly props: Properties) {
    const parsed = parse(props.getProperty(KEY));
    this.data = parsed && typeof parsed.tabs === 'object' ? parsed : { tabs: {} };
  }

  /** Whether the add-on made this tab: id and exact name as registered, or a scratch tab being switched in. */
  owns(sheetId: number, name: string): boolean {
    if (this.data.tabs[String(sheetId)] === name) return true;
    return this.pending().some((p) => p.scratchId === sheetId && (name === p.target || name === p.target + SCRATCH_SUFFIX));
  }
  ownsSheet(sheet: Sheet): boolean {
    return this.owns(sheet.getSheetId(), sheet.getName());
  }
  add(sheetId: number, name: string): void {
    this.data.tabs[String(sheetId)] = name;
  }
  remove(sheetId: number): void {
    delete this.data.tabs[String(sheetId)];
  }
  /** Forgets tabs that no longer exist. */
  prune(existingIds: ReadonlySet<number>): void {
    for (const id of Object.keys(this.data.tabs)) if (!existingIds.has(Number(id))) delete this.data.tabs[id];
  }
  pending(): PendingSwitch[] {
    return this.data.switching ?? [];
  }
  setPending(items: PendingSwitch[]): void {
    if (items.length) this.data.switching = items;
    else delete this.data.switching;
  }
  save(): void {
    this.props.setProperty(KEY, JSON.stringify(this.data));
  }
}

function parse(text: string | null): Stored | null {
  try {
    return JSON.parse(text ?? 'null') as Stored | null;
  } catch {
    return null;
  }
}
