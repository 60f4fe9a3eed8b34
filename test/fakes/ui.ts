/**
 * @fileoverview Fake `Ui` and `Menu` (from `SpreadsheetApp.getUi()`): menus, sidebars, dialogs and
 * alerts are recorded in a `UiState` so tests can assert what the user would see.
 */
import { asReal, enumOf, exception, instrument, unwrap, type FakeContext, type RealPart } from './core';
import type { MenuItemRecord, MenuRecord, UiState } from './model';
import type { FakeHtmlOutput } from './services';

type Button = GoogleAppsScript.Base.Button;
type ButtonSet = GoogleAppsScript.Base.ButtonSet;
type Menu = GoogleAppsScript.Base.Menu;

const ButtonEnum = enumOf<typeof GoogleAppsScript.Base.Button>(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
const ButtonSetEnum = enumOf<typeof GoogleAppsScript.Base.ButtonSet>(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);
/** The buttons each set shows; CLOSE (the dialog's ×) is always possible. */
const BUTTONS_OF: Record<string, string[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export function emptyUiState(): UiState {
  return { menus: [], dialogs: [], alerts: [], alertResponses: [] };
}

export class FakeUi {
  constructor(
    readonly ctx: FakeContext,
    private readonly state: UiState,
  ) {}
  get Button(): typeof GoogleAppsScript.Base.Button {
    return ButtonEnum;
  }
  get ButtonSet(): typeof GoogleAppsScript.Base.ButtonSet {
    return ButtonSetEnum;
  }

  createAddonMenu(): Menu {
    return asReal<Menu>(new FakeMenu(this.ctx, this.state, 'addon', null));
  }
  createMenu(caption: string): Menu {
    if (typeof caption !== 'string' || caption === '') throw exception('Invalid argument: caption');
    return asReal<Menu>(new FakeMenu(this.ctx, this.state, 'menu', caption));
  }

  /** Returns the next response queued by the test, else the first button of the set. */
  alert(titleOrPrompt: string, promptOrButtons?: string | ButtonSet, buttons?: ButtonSet): Button {
    let title: string | null = null;
    let prompt = String(titleOrPrompt);
    let set = 'OK';
    if (buttons !== undefined) {
      title = String(titleOrPrompt);
      prompt = String(promptOrButtons);
      set = String(buttons);
    } else if (promptOrButtons !== undefined) {
      set = String(promptOrButtons);
    }
    const allowed = BUTTONS_OF[set];
    if (!allowed) throw exception(`Invalid argument: buttons`);
    const queued = this.state.alertResponses.shift();
    if (queued !== undefined && queued !== 'CLOSE' && !allowed.includes(queued)) {
      throw new Error(`fake: the queued alert response ${queued} is not a button of ButtonSet.${set}`);
    }
    const response = queued ?? allowed[0];
    this.state.alerts.push({ title, prompt, buttons: set, response });
    return response as unknown as Button;
  }

  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    const html = unwrap<FakeHtmlOutput>(userInterface, 'HtmlOutput', 'Ui.showSidebar');
    // A sidebar is always 300 px wide: the real Ui ignores the output's width.
    this.state.dialogs.push({ kind: 'sidebar', title: html.titleText(), content: html.contentText(), width: 300, height: null });
  }
  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    const html = unwrap<FakeHtmlOutput>(userInterface, 'HtmlOutput', 'Ui.showModalDialog');
    this.state.dialogs.push({ kind: 'modal', title: String(title), content: html.contentText(), width: html.widthPx(), height: html.heightPx() });
  }
  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    const html = unwrap<FakeHtmlOutput>(userInterface, 'HtmlOutput', 'Ui.showModelessDialog');
    this.state.dialogs.push({ kind: 'modeless', title: String(title), content: html.contentText(), width: html.widthPx(), height: html.heightPx() });
  }
}
instrument(FakeUi, 'Ui');
void (null as unknown as FakeUi satisfies RealPart<FakeUi, GoogleAppsScript.Base.Ui>);

export class FakeMenu {
  private readonly items: MenuItemRecord[] = [];
  constructor(
    readonly ctx: FakeContext,
    private readonly state: UiState,
    private readonly kind: 'addon' | 'menu',
    private readonly caption: string | null,
  ) {}

  /** The menu as recorded: sub-menus are copied as they are at this moment. */
  record(): MenuRecord {
    return {
      kind: this.kind,
      caption: this.caption,
      items: this.items.map((item) => (item.subMenu ? { subMenu: structuredClone(item.subMenu) } : { ...item })),
    };
  }

  addItem(caption: string, functionName: string): Menu {
    // Menu items name global functions as strings; a non-string is a bug the real menu shows as a dead item.
    if (typeof caption !== 'string' || caption === '') throw exception('Invalid argument: caption');
    if (typeof functionName !== 'string' || functionName === '') throw exception('Invalid argument: functionName');
    this.items.push({ caption, functionName });
    return asReal<Menu>(this);
  }
  addSeparator(): Menu {
    this.items.push({ separator: true });
    return asReal<Menu>(this);
  }
  addSubMenu(menu: Menu): Menu {
    const sub = unwrap<FakeMenu>(menu, 'Menu', 'Menu.addSubMenu');
    this.items.push({ subMenu: sub.record() });
    return asReal<Menu>(this);
  }
  addToUi(): void {
    const record = this.record();
    // Adding the same menu again replaces it, as reopening the file rebuilds menus.
    const i = this.state.menus.findIndex((m) => m.kind === record.kind && m.caption === record.caption);
    if (i >= 0) this.state.menus[i] = record;
    else this.state.menus.push(record);
  }
}
instrument(FakeMenu, 'Menu');
void (null as unknown as FakeMenu satisfies RealPart<FakeMenu, Menu>);
