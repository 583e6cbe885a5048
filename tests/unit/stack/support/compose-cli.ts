import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cacheDir } from '../../../../native/cache-dir.ts'
import { repoRoot } from './stack-files.ts'

/** Docker Compose's CLI as scripts/install-deps.sh builds it (COMPOSE_BIN overrides). */
const composeBinary = process.env.COMPOSE_BIN ?? join(cacheDir(), 'bin', 'docker-compose-v5.6.0')

export function requireComposeBinary(): string {
  if (!existsSync(composeBinary)) throw new Error(`${composeBinary} is missing: run npm run setup (scripts/install-deps.sh builds it)`)
  return composeBinary
}

/** `docker compose config` on the repository's compose.yaml (or `files`, in order) with `env` as its .env file. */
export function composeConfig(env: Record<string, string>, profiles: string[] = [], files = ['compose.yaml']) {
  const envFile = join(mkdtempSync(join(tmpdir(), 'meet-compose-')), '.env')
  writeFileSync(
    envFile,
    Object.entries(env)
      .map(([name, value]) => `${name}=${value}\n`)
      .join(''),
  )
  const args = [
    '--project-directory',
    repoRoot,
    ...files.flatMap((file) => ['-f', join(repoRoot, file)]),
    '--env-file',
    envFile,
    ...profiles.flatMap((profile) => ['--profile', profile]),
    'config',
    '--format',
    'json',
  ]
  // An empty environment: only the env file counts. The UDP range expands to 10,001 port entries.
  const result = spawnSync(requireComposeBinary(), args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  })
  return { status: result.status, stderr: result.stderr, config: result.status === 0 ? JSON.parse(result.stdout) : undefined }
}
