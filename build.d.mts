/** Types of build.mjs, for the tests that run the build. */
export function buildServer(entry?: string): Promise<{ code: string; globals: string[] }>;
export function buildSidebar(): Promise<string>;
export function build(): Promise<{ code: string; globals: string[] }>;
