import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

export const repoRoot = join(import.meta.dirname, '..', '..', '..', '..')
export const readRepoFile = (name: string) => readFileSync(join(repoRoot, name), 'utf8')

export interface ComposeService {
  image?: string
  build?: { context: string; dockerfile: string; target?: string }
  profiles?: string[]
  restart?: string
  logging?: { driver: string; options?: Record<string, string> }
  healthcheck?: { test: string[] | string }
  depends_on?: Record<string, { condition: string }>
  environment?: Record<string, string>
  volumes?: string[]
  ports?: string[]
  cap_add?: string[]
  network_mode?: string
  command?: string[]
  entrypoint?: string[]
}

export interface ComposeFile {
  version?: string
  services: Record<string, ComposeService>
  volumes: Record<string, unknown>
}

/** compose.yaml as written (anchors and `<<` merges resolved, nothing interpolated). */
export function readCompose(): ComposeFile {
  return parse(readRepoFile('compose.yaml'), { merge: true }) as ComposeFile
}
