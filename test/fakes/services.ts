/**
 * @fileoverview Fakes of the non-spreadsheet services the add-on uses: Properties, Cache, Lock,
 * HtmlService, Utilities, Session, Logger and ScriptApp. Each copies the real quotas and error
 * messages listed in docs/apps-script-gotchas.md.
 */
import {
  asReal,
  enumOf,
  exception,
  instrument,
  int,
  notModelled,
  utf8Bytes,
  type FakeContext,
  type LockKind,
  type RealPart,
} from './core';
import { formatJavaDate } from './values';
import type { Users } from './model';

// ---------------------------------------------------------------------------------------------
// PropertiesService

type Properties = GoogleAppsScript.Properties.Properties;

/** 9 KB per value and 500 KB per store, from "Quotas for Google Services". */
export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;
const QUOTA_MESSAGE = 'You have exceeded the property storage quota. Please remove some properties and try again.';

export class FakeProperties {
  constructor(
    readonly ctx: FakeContext,
    private readonly store: Map<string, string>,
  ) {}
  private self(): Properties {
    return asReal<Properties>(this);
  }
  /** Applies `changes` only if the store stays within its quotas (all or nothing). */
  private commit(changes: Map<string, string | null>, deleteAllOthers = false): void {
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.store);
    for (const [key, value] of changes) {
      if (value === null) next.delete(key);
      else {
        if (utf8Bytes(value) > PROPERTY_VALUE_MAX_BYTES) throw exception('Argument too large: value');
        next.set(key, value);
      }
    }
    let total = 0;
    for (const [k, v] of next) total += utf8Bytes(k) + utf8Bytes(v);
    if (total > PROPERTY_STORE_MAX_BYTES) throw exception(QUOTA_MESSAGE);
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
  }

  getProperty(key: string): string | null {
    return this.store.get(String(key)) ?? null;
  }
  /** Values are stored as strings: non-strings are converted, as the real store does. */
  setProperty(key: string, value: string): Properties {
    this.commit(new Map([[String(key), String(value)]]));
    return this.self();
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean): Properties {
    const changes = new Map<string, string | null>();
    for (const [k, v] of Object.entries(properties)) changes.set(k, String(v));
    this.commit(changes, Boolean(deleteAllOthers));
    return this.self();
  }
  /** A copy: changing it does not change the store. */
  getProperties(): { [key: string]: string } {
    return Object.fromEntries(this.store);
  }
  getKeys(): string[] {
    return [...this.store.keys()];
  }
  deleteProperty(key: string): Properties {
    this.store.delete(String(key));
    return this.self();
  }
  deleteAllProperties(): Properties {
    this.store.clear();
    return this.self();
  }
}
instrument(FakeProperties, 'Properties');
void (null as unknown as FakeProperties satisfies RealPart<FakeProperties, Properties>);

export interface PropertyStores {
  document: Map<string, string>;
  user: Map<string, string>;
  script: Map<string, string>;
}

export class FakePropertiesService {
  constructor(
    readonly ctx: FakeContext,
    private readonly stores: PropertyStores,
  ) {}
  getDocumentProperties(): Properties {
    return asReal<Properties>(new FakeProperties(this.ctx, this.stores.document));
  }
  getUserProperties(): Properties {
    return asReal<Properties>(new FakeProperties(this.ctx, this.stores.user));
  }
  getScriptProperties(): Properties {
    return asReal<Properties>(new FakeProperties(this.ctx, this.stores.script));
  }
}
instrument(FakePropertiesService, 'PropertiesService');
void (null as unknown as FakePropertiesService satisfies RealPart<FakePropertiesService, GoogleAppsScript.Properties.PropertiesService>);

// ---------------------------------------------------------------------------------------------
// CacheService

type Cache = GoogleAppsScript.Cache.Cache;

/** From the Cache reference page: keys up to 250 characters, values up to 100 KB, at most 6 h. */
export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21600;

export type CacheStore = Map<string, { value: string; expiresAt: number }>;

export class FakeCache {
  constructor(
    readonly ctx: FakeContext,
    private readonly store: CacheStore,
  ) {}
  private key(key: unknown): string {
    const k = String(key);
    if (k.length > CACHE_KEY_MAX_CHARS) throw exception('Argument too large: key');
    return k;
  }
  /** Longer expirations are silently cut to 6 h; the fake treats anything below 1 s as 1 s. */
  private expiry(seconds: unknown): number {
    const s = seconds === undefined ? CACHE_DEFAULT_SECONDS : int(seconds);
    return this.ctx.clock.now() + Math.min(Math.max(s, 1), CACHE_MAX_SECONDS) * 1000;
  }
  private value(value: unknown): string {
    const v = String(value);
    if (utf8Bytes(v) > CACHE_VALUE_MAX_BYTES) throw exception('Argument too large: value');
    return v;
  }
  private read(k: string): string | null {
    const entry = this.store.get(k);
    if (!entry) return null;
    if (entry.expiresAt <= this.ctx.clock.now()) {
      this.store.delete(k);
      return null;
    }
    return entry.value;
  }

  get(key: string): string | null {
    return this.read(this.key(key));
  }
  /** Only the keys found: missing and expired keys are left out. */
  getAll(keys: string[]): { [key: string]: string } {
    const out: Record<string, string> = {};
    for (const key of keys) {
      const v = this.read(this.key(key));
      if (v !== null) out[String(key)] = v;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds?: number): void {
    const k = this.key(key);
    const v = this.value(value);
    this.store.set(k, { value: v, expiresAt: this.expiry(expirationInSeconds) });
  }
  putAll(values: { [key: string]: unknown }, expirationInSeconds?: number): void {
    const entries = Object.entries(values).map(([k, v]) => [this.key(k), this.value(v)] as const);
    const expiresAt = this.expiry(expirationInSeconds);
    for (const [k, v] of entries) this.store.set(k, { value: v, expiresAt });
  }
  remove(key: string): void {
    this.store.delete(this.key(key));
  }
  removeAll(keys: string[]): void {
    for (const key of keys.map((k) => this.key(k))) this.store.delete(key);
  }
}
instrument(FakeCache, 'Cache');
void (null as unknown as FakeCache satisfies RealPart<FakeCache, Cache>);

export interface CacheStores {
  document: CacheStore;
  user: CacheStore;
  script: CacheStore;
}

export class FakeCacheService {
  constructor(
    readonly ctx: FakeContext,
    private readonly stores: CacheStores,
  ) {}
  getDocumentCache(): Cache | null {
    return asReal<Cache>(new FakeCache(this.ctx, this.stores.document));
  }
  getUserCache(): Cache {
    return asReal<Cache>(new FakeCache(this.ctx, this.stores.user));
  }
  getScriptCache(): Cache {
    return asReal<Cache>(new FakeCache(this.ctx, this.stores.script));
  }
}
instrument(FakeCacheService, 'CacheService');
void (null as unknown as FakeCacheService satisfies RealPart<FakeCacheService, GoogleAppsScript.Cache.CacheService>);

// ---------------------------------------------------------------------------------------------
// LockService

type Lock = GoogleAppsScript.Lock.Lock;
export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

/**
 * A lock shared by all "executions" of one fake. Another execution's hold is either permanent or
 * ends at a time on the fake clock; waiting advances the clock instead of sleeping.
 */
export class FakeLock {
  constructor(
    readonly ctx: FakeContext,
    private readonly kind: LockKind,
  ) {}
  private acquire(timeoutInMillis: unknown): boolean {
    const timeout = int(timeoutInMillis);
    const held = this.ctx.locks.get(this.kind);
    const me = this.ctx.executionId;
    if (!held || held.holder === me) {
      this.ctx.locks.set(this.kind, { holder: me });
      return true;
    }
    const now = this.ctx.clock.now();
    if (held.releaseAt !== undefined && held.releaseAt <= now + Math.max(timeout, 0)) {
      this.ctx.clock.set(Math.max(now, held.releaseAt));
      this.ctx.locks.set(this.kind, { holder: me });
      return true;
    }
    this.ctx.clock.advance(Math.max(timeout, 0));
    return false;
  }
  tryLock(timeoutInMillis: number): boolean {
    return this.acquire(timeoutInMillis);
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.acquire(timeoutInMillis)) throw exception(LOCK_TIMEOUT_MESSAGE);
  }
  /** Whether this execution holds the lock (the fake tracks holds per execution, not per object). */
  hasLock(): boolean {
    return this.ctx.locks.get(this.kind)?.holder === this.ctx.executionId;
  }
  releaseLock(): void {
    if (this.hasLock()) this.ctx.locks.delete(this.kind);
  }
}
instrument(FakeLock, 'Lock');
void (null as unknown as FakeLock satisfies RealPart<FakeLock, Lock>);

export class FakeLockService {
  constructor(
    readonly ctx: FakeContext,
    /** False for a script run outside a containing document (standalone, web app). */
    private readonly inDocument: boolean,
  ) {}
  /**
   * "null if called from a standalone script or web app" (Class LockService). The installed types
   * say `Lock`, so callers must type the result `Lock | null` themselves.
   */
  getDocumentLock(): Lock {
    return (this.inDocument ? asReal<Lock>(new FakeLock(this.ctx, 'document')) : null) as Lock;
  }
  getScriptLock(): Lock {
    return asReal<Lock>(new FakeLock(this.ctx, 'script'));
  }
  getUserLock(): Lock {
    return asReal<Lock>(new FakeLock(this.ctx, 'user'));
  }
}
instrument(FakeLockService, 'LockService');
void (null as unknown as FakeLockService satisfies RealPart<FakeLockService, GoogleAppsScript.Lock.LockService>);

// ---------------------------------------------------------------------------------------------
// HtmlService

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
const SandboxModeEnum = enumOf<typeof GoogleAppsScript.HTML.SandboxMode>(['EMULATED', 'IFRAME', 'NATIVE']);
const XFrameOptionsModeEnum = enumOf<typeof GoogleAppsScript.HTML.XFrameOptionsMode>(['ALLOWALL', 'DEFAULT']);

export class FakeHtmlOutput {
  private title = '';
  private width: number | null = null;
  private height: number | null = null;
  xFrameOptionsMode = 'DEFAULT';
  readonly metaTags: { name: string; content: string }[] = [];
  constructor(
    readonly ctx: FakeContext,
    private content: string,
  ) {}
  // Uncounted accessors for the Ui fake.
  titleText(): string {
    return this.title;
  }
  contentText(): string {
    return this.content;
  }
  widthPx(): number | null {
    return this.width;
  }
  heightPx(): number | null {
    return this.height;
  }
  private self(): HtmlOutput {
    return asReal<HtmlOutput>(this);
  }

  getContent(): string {
    return this.content;
  }
  setContent(content: string): HtmlOutput {
    this.content = String(content);
    return this.self();
  }
  append(addedContent: string): HtmlOutput {
    this.content += String(addedContent);
    return this.self();
  }
  clear(): HtmlOutput {
    this.content = '';
    return this.self();
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): HtmlOutput {
    this.title = String(title);
    return this.self();
  }
  getWidth(): number {
    return this.width ?? 0;
  }
  setWidth(width: number): HtmlOutput {
    this.width = int(width);
    return this.self();
  }
  getHeight(): number {
    return this.height ?? 0;
  }
  setHeight(height: number): HtmlOutput {
    this.height = int(height);
    return this.self();
  }
  addMetaTag(name: string, content: string): HtmlOutput {
    this.metaTags.push({ name: String(name), content: String(content) });
    return this.self();
  }
  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): HtmlOutput {
    this.xFrameOptionsMode = String(mode);
    return this.self();
  }
}
instrument(FakeHtmlOutput, 'HtmlOutput');
void (null as unknown as FakeHtmlOutput satisfies RealPart<FakeHtmlOutput, HtmlOutput>);

export class FakeHtmlService {
  constructor(
    readonly ctx: FakeContext,
    /** Project HTML files by name without `.html`. */
    private readonly files: Map<string, string>,
  ) {}
  get SandboxMode(): typeof GoogleAppsScript.HTML.SandboxMode {
    return SandboxModeEnum;
  }
  get XFrameOptionsMode(): typeof GoogleAppsScript.HTML.XFrameOptionsMode {
    return XFrameOptionsModeEnum;
  }
  createHtmlOutput(html?: unknown): HtmlOutput {
    if (html !== undefined && typeof html !== 'string') throw notModelled('createHtmlOutput(blob)');
    return asReal<HtmlOutput>(new FakeHtmlOutput(this.ctx, html ?? ''));
  }
  /** The name is the project file's name; a trailing `.html` is accepted too. */
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    const name = String(filename).replace(/\.html$/, '');
    const content = this.files.get(name);
    if (content === undefined) throw exception(`No HTML file named ${filename} was found.`);
    return asReal<HtmlOutput>(new FakeHtmlOutput(this.ctx, content));
  }
}
instrument(FakeHtmlService, 'HtmlService');
void (null as unknown as FakeHtmlService satisfies RealPart<FakeHtmlService, GoogleAppsScript.HTML.HtmlService>);

// ---------------------------------------------------------------------------------------------
// Utilities, Session, Logger, ScriptApp

export class FakeUtilities {
  private uuidCount = 0;
  constructor(readonly ctx: FakeContext) {}
  formatDate(date: Date, timeZone: string, format: string): string {
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
      throw exception(`The parameters (${typeof date}) don't match the method signature for Utilities.formatDate.`);
    }
    return formatJavaDate(date, String(timeZone), String(format));
  }
  /** Advances the fake clock: no real waiting. */
  sleep(milliseconds: number): void {
    this.ctx.clock.advance(int(milliseconds));
  }
  /** Deterministic, well-formed v4-shaped UUIDs so test output is stable. */
  getUuid(): string {
    this.uuidCount += 1;
    return `00000000-0000-4000-8000-${this.uuidCount.toString(16).padStart(12, '0')}`;
  }
}
instrument(FakeUtilities, 'Utilities');
void (null as unknown as FakeUtilities satisfies RealPart<FakeUtilities, GoogleAppsScript.Utilities.Utilities>);

export class FakeUser {
  constructor(
    readonly ctx: FakeContext,
    private readonly email: string,
  ) {}
  getEmail(): string {
    return this.email;
  }
}
instrument(FakeUser, 'User');
void (null as unknown as FakeUser satisfies RealPart<FakeUser, GoogleAppsScript.Base.User>);

export interface SessionInfo {
  activeUserEmail: string;
  users: Users;
  locale: string;
  scriptTimeZone: string;
}

export class FakeSession {
  constructor(
    readonly ctx: FakeContext,
    private readonly info: SessionInfo,
  ) {}
  /** '' for consumer accounts and custom functions (no consent to share the email). */
  getActiveUser(): GoogleAppsScript.Base.User {
    const email = this.ctx.authMode === 'CUSTOM_FUNCTION' ? '' : this.info.activeUserEmail;
    return asReal<GoogleAppsScript.Base.User>(new FakeUser(this.ctx, email));
  }
  getEffectiveUser(): GoogleAppsScript.Base.User {
    return asReal<GoogleAppsScript.Base.User>(new FakeUser(this.ctx, this.info.users.effective));
  }
  getActiveUserLocale(): string {
    return this.info.locale;
  }
  getScriptTimeZone(): string {
    return this.info.scriptTimeZone;
  }
  getTemporaryActiveUserKey(): string {
    return 'fake-temporary-active-user-key';
  }
}
instrument(FakeSession, 'Session');
void (null as unknown as FakeSession satisfies RealPart<FakeSession, GoogleAppsScript.Base.Session>);

export class FakeLogger {
  constructor(
    readonly ctx: FakeContext,
    private readonly lines: string[],
  ) {}
  /** `log(format, ...values)` replaces each `%s` in turn, as the real Logger does. */
  log(format: unknown, ...values: unknown[]): GoogleAppsScript.Base.Logger {
    let text = typeof format === 'string' ? format : stringify(format);
    if (values.length > 0) {
      let i = 0;
      text = text.replace(/%s/g, () => (i < values.length ? stringify(values[i++]) : '%s'));
    }
    this.lines.push(text);
    return asReal<GoogleAppsScript.Base.Logger>(this);
  }
  getLog(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }
  clear(): void {
    this.lines.length = 0;
  }
}
instrument(FakeLogger, 'Logger');
void (null as unknown as FakeLogger satisfies RealPart<FakeLogger, GoogleAppsScript.Base.Logger>);

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date || value === null || value === undefined || typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

const AuthModeEnum = enumOf<typeof GoogleAppsScript.Script.AuthMode>(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);

export class FakeScriptApp {
  constructor(readonly ctx: FakeContext) {}
  get AuthMode(): typeof GoogleAppsScript.Script.AuthMode {
    return AuthModeEnum;
  }
}
instrument(FakeScriptApp, 'ScriptApp');
void (null as unknown as FakeScriptApp satisfies RealPart<FakeScriptApp, GoogleAppsScript.Script.ScriptApp>);
