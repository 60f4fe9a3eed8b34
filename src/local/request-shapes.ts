/**
 * @fileoverview The shape of every local server call's arguments, checked before a server action
 * sees them: a wrong type or an unknown field is refused with a plain message naming the
 * argument (HTTP 400), never a JavaScript error from deep inside an action. Typed by the
 * SidebarApi contract, so a new endpoint does not build until its shape is here.
 */
import type { SidebarApi } from '../shared/sidebar-api';

/** An argument that does not have its endpoint's shape. */
export class ShapeError extends Error {}

type Check = (value: unknown, path: string) => void;

const MAX_TEXT = 2000;

const describe = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'string' ? `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}` : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;

const fail = (path: string, wanted: string, v: unknown): never => {
  throw new ShapeError(`${path} must be ${wanted}, not ${describe(v)}.`);
};

const text = (max = MAX_TEXT): Check => (v, path) => {
  if (typeof v !== 'string') fail(path, 'a text', v);
  if ((v as string).length > max) throw new ShapeError(`${path} is too long: at most ${max} characters.`);
};

const oneOf = (...values: string[]): Check => (v, path) => {
  if (typeof v !== 'string' || !values.includes(v)) fail(path, values.map((x) => `"${x}"`).join(' or '), v);
};

const bool: Check = (v, path) => {
  if (typeof v !== 'boolean') fail(path, 'true or false', v);
};

const finite: Check = (v, path) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'a number', v);
};

const nullable = (check: Check): Check => (v, path) => {
  if (v !== null) check(v, path);
};

const list = (item: Check, max: number): Check => (v, path) => {
  if (!Array.isArray(v)) fail(path, 'a list', v);
  const a = v as unknown[];
  if (a.length > max) throw new ShapeError(`${path} has ${a.length} items: at most ${max}.`);
  a.forEach((x, i) => item(x, `${path}[${i}]`));
};

/** An object with exactly these fields (those in `optional` may be absent). */
const object = (fields: Record<string, Check>, optional: string[] = []): Check => (v, path) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(path, 'an object', v);
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!Object.prototype.hasOwnProperty.call(fields, key)) throw new ShapeError(`${path} has an unknown field "${key}".`);
  }
  for (const [key, check] of Object.entries(fields)) {
    if (!Object.prototype.hasOwnProperty.call(o, key) || o[key] === undefined) {
      if (optional.includes(key)) continue;
      throw new ShapeError(`${path} lacks the field "${key}".`);
    }
    check(o[key], `${path}.${key}`);
  }
};

/** An object whose field `field` (`mode`, `kind`) picks one of several shapes. */
const by = (field: string, shapes: Record<string, Check>): Check => (v, path) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(path, 'an object', v);
  const pick = (v as Record<string, unknown>)[field];
  if (typeof pick !== 'string' || !Object.prototype.hasOwnProperty.call(shapes, pick)) {
    fail(`${path}.${field}`, Object.keys(shapes).map((m) => `"${m}"`).join(' or '), pick);
  }
  shapes[pick as string](v, path);
};

const NAME = text(200);
const types = list(text(60), 50);

const query = object(
  {
    campaign: text(200),
    contactAttribution: oneOf('first touch', 'last touch'),
    preset: text(40),
    from: text(40),
    to: text(40),
    reportType: oneOf('contact create', 'deal create', 'revenue'),
    model: text(40),
    frequency: oneOf('auto', 'daily', 'monthly'),
  },
  ['from', 'to'],
);

/** Each endpoint's arguments, in order. */
export const REQUEST_SHAPES: { readonly [K in keyof SidebarApi]: Check[] } = {
  getSidebarState: [],
  refreshReports: [object({ scope: oneOf('campaign', 'all'), query })],
  saveTrackingUrl: [
    object({ url: text(), campaign: text(200), category: text(60), source: text(200), medium: text(200), term: text(200), content: text(200) }),
  ],
  saveReport: [
    object(
      {
        name: NAME,
        report: text(60),
        query,
        replace: bool,
        dashboard: by('mode', {
          none: object({ mode: oneOf('none') }),
          existing: object({ mode: oneOf('existing'), name: NAME }),
          new: object({ mode: oneOf('new'), name: NAME, visibility: oneOf('everyone', 'owner') }),
        }),
      },
      ['replace'],
    ),
  ],
  manageSavedReports: [
    by('kind', {
      open: object({ kind: oneOf('open'), name: NAME }),
      rename: object({ kind: oneOf('rename'), name: NAME, to: NAME }),
      delete: object({ kind: oneOf('delete'), name: NAME }),
      move: object({ kind: oneOf('move'), name: NAME, dashboard: nullable(NAME) }),
      'rename-dashboard': object({ kind: oneOf('rename-dashboard'), name: NAME, to: NAME }),
      'delete-dashboard': object({ kind: oneOf('delete-dashboard'), name: NAME }),
    }),
  ],
  saveSettings: [
    object(
      {
        eligibleTypes: types, dealCreateEligibleTypes: nullable(types), revenueEligibleTypes: nullable(types),
        halfLifeDays: finite, lookbackDays: nullable(finite), lastQuery: nullable(query),
      },
      ['dealCreateEligibleTypes', 'revenueEligibleTypes'],
    ),
  ],
};

/** Throws a ShapeError naming the first argument of `name` that does not have its shape. */
export function checkArguments(name: keyof SidebarApi, args: unknown[]): void {
  const shapes = REQUEST_SHAPES[name];
  if (args.length !== shapes.length) {
    throw new ShapeError(`${name} takes ${shapes.length === 0 ? 'no arguments' : shapes.length === 1 ? 'one argument' : `${shapes.length} arguments`}, not ${args.length}.`);
  }
  shapes.forEach((check, i) => check(args[i], shapes.length === 1 ? `The argument of ${name}` : `Argument ${i + 1} of ${name}`));
}
