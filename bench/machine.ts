import { cpus, freemem, loadavg, totalmem } from 'node:os'
import { execFileSync } from 'node:child_process'

export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  freeMemoryGiB: number
  os: string
  node: string
  loadAverage: number[]
}

const gib = (bytes: number) => Math.round((bytes / 2 ** 30) * 10) / 10

/** What the numbers were measured on; the load average says how busy the machine was. */
export function describeMachine(): Machine {
  const os = execFileSync('uname', ['-srm'], { encoding: 'utf8' }).trim()
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: gib(totalmem()),
    freeMemoryGiB: gib(freemem()),
    os,
    node: process.version,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  }
}
