// Test projects: unit (jsdom, msw), stack (official clients against a local stack),
// db (schema, RLS matrix, invariants), e2e (Playwright + Debian Chromium).
// Each stack-backed test file starts its own stack, cloned from a template that
// the global setup migrates once. Projects run one after another (groupOrder), at
// most two files at a time, to fit the 2-core machines.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import path from 'node:path';

const alias = { '@': path.resolve(import.meta.dirname, 'src') };

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          maxWorkers: 2,
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/unit/setup.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'stack',
          // Stack-backed tests share two cores with Postgres, Deno and Chromium: one retry
          // keeps a scheduling hiccup from failing the run (a real failure fails twice).
          retry: 1,
          sequence: { groupOrder: 1 },
          include: ['tests/stack/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'db',
          retry: 1,
          sequence: { groupOrder: 2 },
          include: ['tests/db/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          retry: 1,
          sequence: { groupOrder: 3 },
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
