import { defineConfig } from 'vitest/config';

// The JSON report lets .ci/run print a plain "N passed, N failed" line that CI reads.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'out/test-results.json' },
  },
});
