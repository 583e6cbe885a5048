// Which backups to keep: the newest of each of the last `daily` days that have one, then the
// newest of each of the `weekly` most recent ISO weeks older than those days. Pure, so the
// nightly prune and its tests agree on what a month of backups leaves behind.
export interface RetentionPolicy {
  daily: number
  weekly: number
}

export const defaultRetention: RetentionPolicy = { daily: 7, weekly: 4 }

export interface Dated {
  key: string
  at: Date
}

const dayOf = (at: Date) => at.toISOString().slice(0, 10)

/** ISO 8601 week (Monday first), e.g. `2026-W48`, in UTC. */
export function isoWeek(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()))
  const weekday = day.getUTCDay() || 7
  day.setUTCDate(day.getUTCDate() + 4 - weekday) // the Thursday of this week decides its year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1)
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7)
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}

export function backupsToKeep<T extends Dated>(backups: T[], policy: RetentionPolicy = defaultRetention): { keep: T[]; remove: T[] } {
  const newestFirst = [...backups].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.key < b.key ? 1 : -1))
  const keep = new Set<T>()
  const days = new Set<string>()
  for (const backup of newestFirst) {
    if (days.size === policy.daily && !days.has(dayOf(backup.at))) break
    if (days.has(dayOf(backup.at))) continue
    days.add(dayOf(backup.at))
    keep.add(backup)
  }
  const weeks = new Set<string>()
  for (const backup of newestFirst) {
    if (weeks.size === policy.weekly) break
    if (days.has(dayOf(backup.at)) || weeks.has(isoWeek(backup.at))) continue
    weeks.add(isoWeek(backup.at))
    keep.add(backup)
  }
  return { keep: newestFirst.filter((b) => keep.has(b)), remove: newestFirst.filter((b) => !keep.has(b)) }
}
