import { defineConfig } from 'vitest/config';

export default defineConfig({
  // relative asset URLs: the built app works from any static server or sub-folder
  base: './',
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173 },
  // tfjs (for the trained policies) is most of the bundle
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 3000 },
  test: {
    reporters: ['default', './tests/support/summaryReporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/browser/**'], environment: 'node', testTimeout: 60_000, sequence: { groupOrder: 0 } },
      },
      {
        // the browser measures frame rates: it runs after the unit tests, alone, so nothing competes for the CPU
        extends: true,
        test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
