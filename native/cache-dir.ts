import { homedir } from 'node:os'
import { join } from 'node:path'

/** Where scripts/install-deps.sh puts built or venv-installed tools (MEET_CACHE_DIR overrides). */
export function cacheDir(): string {
  return process.env.MEET_CACHE_DIR ?? join(homedir(), '.cache', 'meet')
}
