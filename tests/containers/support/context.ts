import { inject } from 'vitest'

export interface ContainerEngine {
  /** DOCKER_HOST of the engine the suite runs on; undefined when there is none (never in CI). */
  host?: string
  /** Why there is no engine, shown by the skipped tests. */
  missing?: string
  /** true: local stand-ins replace the Docker Hub images (and Egress is left out). */
  standIns: boolean
}

declare module 'vitest' {
  interface ProvidedContext {
    containerEngine: ContainerEngine
  }
}

/** The engine tests/setup/containers.ts started, with the images built. */
export const useContainerEngine = (): ContainerEngine => inject('containerEngine')
