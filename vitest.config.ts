import { defineConfig } from 'vitest/config'

// Two projects: `unit` needs nothing running; `integration` gets real PostgreSQL,
// Redis, MiniStack and LiveKit from the global setup, started once per run.
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'cdktf/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/setup/services.ts', 'tests/setup/reliability-figures.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
