import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

export const installHint = 'install it with `npm run setup` (bash scripts/install-deps.sh)'

/** Absolute path of `command` (a path or a name on PATH), or an error saying how to install it. */
export function requireExecutable(command: string): string {
  const candidates = command.includes('/') ? [command] : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, command))
  const found = candidates.find(isExecutable)
  if (!found) throw new Error(`${command} not found; ${installHint}`)
  return found
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}
