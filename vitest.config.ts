import { defineConfig } from 'vitest/config'

// Three projects: `unit` needs nothing running; `integration` gets real PostgreSQL,
// Redis, MiniStack and LiveKit from the global setup, started once per run; `containers`
// runs compose.yaml on a Docker engine of its own (tests/setup/containers.ts).
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
      {
        test: {
          name: 'containers',
          include: ['tests/containers/**/*.test.ts'],
          globalSetup: ['tests/setup/containers.ts'],
          // One stack at a time: the files share the engine and the machine's two cores.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
})
