/**
 * @fileoverview The warehouse setting (a BigQuery project and dataset) checked before it is stored,
 * with a message saying what is wrong and what is accepted. Google Cloud's rules: a project ID has
 * 6 to 30 lower-case letters, digits or hyphens, starts with a letter and does not end with a
 * hyphen; a dataset name has letters, digits and underscores, at most 1,024.
 */
import { parseDataset } from '../engine/warehouse/dialect';
import type { WarehouseSetting } from '../shared/sidebar-api';

const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const DATASET = /^[A-Za-z0-9_]{1,1024}$/;

/** `project.dataset`, as the SQL names it. */
export const warehouseName = (w: WarehouseSetting): string => `${w.project}.${w.dataset}`;

/** The setting trimmed, null when both fields are blank; throws naming the field at fault. */
export function checkWarehouseSetting(w: Partial<WarehouseSetting> | null | undefined): WarehouseSetting | null {
  const project = String(w?.project ?? '').trim();
  const dataset = String(w?.dataset ?? '').trim();
  if (!project && !dataset) return null;
  if (!PROJECT.test(project)) {
    throw new Error(`BigQuery project "${project}" is not a Google Cloud project ID: 6 to 30 lower-case letters, digits or hyphens, starting with a letter (such as my-project-123). Leave both fields blank to read the source tabs.`);
  }
  if (!DATASET.test(dataset)) {
    throw new Error(`BigQuery dataset "${dataset}" is not a dataset name: letters, digits and underscores only (such as marketing). Leave both fields blank to read the source tabs.`);
  }
  // The SQL's own check, so what is stored is what the statements accept.
  parseDataset(`${project}.${dataset}`);
  return { project, dataset };
}
