import { defineConfig } from 'vitest/config';

export default defineConfig({
  // relative asset URLs: the built app works from any static server or sub-folder
  base: './',
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    reporters: ['default', './tests/support/summaryReporter.ts'],
  },
});
