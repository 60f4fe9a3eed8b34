/** Types of bundle.mjs, for the tests that build and run the bundle. */
export const BUNDLE_DIR: string;
export const ENTRIES: Record<'campaign-sheets' | 'local-sidebar' | 'html-worker' | 'output-worker', string>;
export function bundleKey(root?: string): string;
export function buildBundle(dir: string, entries?: Record<string, string>): Promise<void>;
export function bundleFolder(): Promise<string | null>;
export function importEntry(name: keyof typeof ENTRIES): Promise<Record<string, unknown>>;
