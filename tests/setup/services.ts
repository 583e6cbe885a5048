import type { TestProject } from 'vitest/node'
import { startServices } from '../../native/services.ts'

/**
 * Starts one real PostgreSQL, Redis, MiniStack and LiveKit for the whole integration run.
 * A missing program fails the run (never a skip): install with `npm run setup`.
 */
export default async function setup(project: TestProject) {
  const { urls, stop } = await startServices({ name: 'meet-services', keys: { key: 'meet-test', secret: 'meet-test-secret-at-least-32-characters' } })
  project.provide('services', urls)
  return stop
}
