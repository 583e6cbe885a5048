// Backups live in the recordings bucket under `backups/`, one object per dump, named by the
// UTC time it was taken: `backups/meet-2026-11-30T02-00-00Z.dump`. Names sort by time.
export const backupPrefix = 'backups/'

export function backupKey(at: Date): string {
  return `${backupPrefix}meet-${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z.dump`
}

const pattern = /^backups\/meet-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.dump$/

/** The time a backup was taken, or undefined for any other object under `backups/`. */
export function backupTime(key: string): Date | undefined {
  const match = pattern.exec(key)
  if (!match) return undefined
  const at = new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`)
  return Number.isNaN(at.getTime()) ? undefined : at
}
