import { readFileSync } from 'node:fs'

const TICKS_PER_SECOND = 100 // USER_HZ on Linux

/** CPU time a process has used so far (user + system), in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // utime and stime are fields 14 and 15 of /proc/pid/stat; fields[0] here is field 3.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
}
