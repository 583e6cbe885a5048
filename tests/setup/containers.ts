import type { TestProject } from 'vitest/node'
import { startEngine } from '../containers/support/engine.ts'
import { buildStandIns } from '../containers/support/stand-ins.ts'
import { buildAppImages } from '../containers/support/images.ts'

/**
 * The container suite's engine: its own dockerd (or MEET_DOCKER_HOST), the stand-ins for the
 * Docker Hub images unless MEET_CONTAINER_IMAGES=official, then the runtime and site images.
 * In CI a missing engine or a failed build fails the run; elsewhere a missing engine skips the
 * suite with the reason (a failed build still fails). MEET_CONTAINER_STACK_ELSEWHERE names where
 * the stack runs instead (CI's test job, which cannot start an engine inside its container).
 */
export default async function setup(project: TestProject) {
  const standIns = process.env.MEET_CONTAINER_IMAGES !== 'official'
  // Said on purpose (CI's test job runs in a container; its `containers` job runs the stack).
  const elsewhere = process.env.MEET_CONTAINER_STACK_ELSEWHERE
  if (elsewhere) {
    project.provide('containerEngine', { standIns, missing: `the compose stack runs in ${elsewhere}` })
    return
  }
  let engine: Awaited<ReturnType<typeof startEngine>>
  try {
    engine = await startEngine()
  } catch (error) {
    if (process.env.CI === 'true') throw error
    project.provide('containerEngine', { standIns, missing: (error as Error).message })
    return
  }
  try {
    if (standIns) buildStandIns(engine.host)
    buildAppImages(engine.host, { standIns })
  } catch (error) {
    await engine.stop()
    throw error
  }
  project.provide('containerEngine', { host: engine.host, standIns })
  return engine.stop
}
