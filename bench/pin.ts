import { execFileSync } from 'node:child_process'
import { cpus } from 'node:os'

// Two cores: the server under test gets core 0 alone; this process (the load generator) and
// the services it starts share core 1, so client and server do not steal each other's time.
export const SERVER_CORE = '0'
export const CLIENT_CORE = '1'

const pinnable = () => cpus().length >= 2 && hasTaskset()

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Pins this process (every thread) to the client core; children inherit it. */
export function pinSelf(): boolean {
  if (!pinnable()) return false
  execFileSync('taskset', ['-a', '-p', '-c', CLIENT_CORE, String(process.pid)], { stdio: 'ignore' })
  return true
}

/** The command and arguments that run `command` on the server core. */
export function onServerCore(command: string, args: string[]): [string, string[]] {
  return pinnable() ? ['taskset', ['-c', SERVER_CORE, command, ...args]] : [command, args]
}

/** Moves a running process, every thread, onto the server core (a child started by this process inherits the client core). */
export function pinToServerCore(pid: number): boolean {
  if (!pinnable()) return false
  execFileSync('taskset', ['-a', '-p', '-c', SERVER_CORE, String(pid)], { stdio: 'ignore' })
  return true
}
