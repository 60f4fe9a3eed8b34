/** Types of build.mjs, for the tests that run the build. */
export const BIGQUERY_SCOPE: string;
export const BIGQUERY_SERVICE: { userSymbol: string; serviceId: string; version: string };
export function buildServer(entry?: string, docsFrom?: string): Promise<{ code: string; globals: string[] }>;
export function buildSidebar(): Promise<string>;
export function warehouseManifest(manifest: Record<string, unknown>): Record<string, unknown>;
export function build(options?: { warehouse?: boolean }): Promise<{ code: string; globals: string[]; dir: string }>;
