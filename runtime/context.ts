import type pg from 'pg'
import type { Redis } from 'ioredis'
import type { Storage } from 'unstorage'
import type { ConsolaInstance } from 'consola'
import type { Config } from './config/load.ts'
import type { Bucket } from './storage/bucket.ts'
import type { Livekit } from './livekit/clients.ts'

// Everything the runtime opened at start; functions reach it through the use…() helpers.
export interface Runtime {
  config: Config
  logger: ConsolaInstance
  db: pg.Pool
  cache: Storage
  redis: Redis
  bucket: Bucket
  livekit: Livekit
  startedAt: number
  version: string
}

let current: Runtime | undefined

export function setRuntime(runtime: Runtime | undefined): void {
  current = runtime
}

export function useRuntime(): Runtime {
  if (!current) throw new Error('The runtime has not started: use…() helpers work inside functions only')
  return current
}
