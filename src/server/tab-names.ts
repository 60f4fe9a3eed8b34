/**
 * @fileoverview The rules the add-on's tab names follow in Sheets: at most 100 characters, unique
 * ignoring case, with room for the suffix of the scratch tab a refresh writes first. Dashboards
 * take their tab name from the user's dashboard name, so a name that breaks a rule is refused
 * when the dashboard is created, and two dashboards never share a tab.
 */
import { DASHBOARD_PREFIX, dashboardTabName } from '../engine/reports/dashboard';

/** Sheets refuses longer tab names. */
export const TAB_NAME_MAX = 100;
/** A refresh writes each tab as `<name> (updating)` first, then switches all tabs together. */
export const SCRATCH_SUFFIX = ' (updating)';
/** Longest dashboard name whose tab and scratch tab both fit. */
export const DASHBOARD_NAME_MAX = TAB_NAME_MAX - DASHBOARD_PREFIX.length - SCRATCH_SUFFIX.length;

/** Why a new dashboard cannot be called `name` next to the `existing` ones, or null. */
export function dashboardNameProblem(name: string, existing: readonly string[]): string | null {
  if (name.length > DASHBOARD_NAME_MAX) return `A dashboard name has at most ${DASHBOARD_NAME_MAX} characters, so that its tab name fits Sheets' 100.`;
  const tab = dashboardTabName(name).toLowerCase();
  const clash = existing.find((d) => dashboardTabName(d).toLowerCase() === tab);
  if (clash !== undefined) {
    return clash === name
      ? `A dashboard named "${name}" exists already: choose it as an existing dashboard.`
      : `A dashboard named "${clash}" exists already, and Sheets tab names ignore upper and lower case: choose another name.`;
  }
  return null;
}
