import { readFileSync, readdirSync } from 'node:fs'

const kib = (text: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0)
const read = (path: string) => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

/** Resident set size of one process, in MiB. */
export const rssMiB = (pid: number) => kib(read(`/proc/${pid}/status`), 'VmRSS') / 1024

/** Runs `work` while sampling `pid`'s RSS every 100 ms; the work's result and the peak RSS. */
export async function peakRssDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMiB: number }> {
  let peakMiB = rssMiB(pid)
  const timer = setInterval(() => (peakMiB = Math.max(peakMiB, rssMiB(pid))), 100)
  try {
    return { result: await work(), peakMiB }
  } finally {
    clearInterval(timer)
  }
}

/**
 * Proportional set size (shared pages split among the processes sharing them, so PostgreSQL's
 * shared buffers count once) of every process below `rootPid`, summed per program name.
 */
export function memoryBelow(rootPid: number, exclude: number[] = []): Record<string, number> {
  const parents = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = read(`/proc/${entry}/stat`)
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)])
  }
  const totals: Record<string, number> = {}
  const visit = (pid: number) => {
    for (const child of parents.get(pid) ?? []) {
      if (exclude.includes(child)) continue
      const name = programName(child)
      totals[name] = (totals[name] ?? 0) + kib(read(`/proc/${child}/smaps_rollup`), 'Pss') / 1024
      visit(child)
    }
  }
  visit(rootPid)
  return totals
}

// The executable's file name: /proc/pid/comm is cut at 15 characters and Node reports its thread name.
function programName(pid: number): string {
  const argv0 = read(`/proc/${pid}/cmdline`).split('\0')[0]
  return argv0.split('/').at(-1) || read(`/proc/${pid}/comm`).trim()
}
