import { inject } from 'vitest'

import type { ServiceUrls } from '../../native/services.ts'

export type { ServiceUrls }

declare module 'vitest' {
  interface ProvidedContext {
    services: ServiceUrls
  }
}

/** The shared real services; only in the `integration` project. */
export function useServices(): ServiceUrls {
  return inject('services')
}
