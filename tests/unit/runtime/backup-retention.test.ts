import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { backupsToKeep, isoWeek } from '../../../runtime/backup/retention.ts'
import { backupKey, backupTime } from '../../../runtime/backup/names.ts'

const day = 86_400_000
const nightly = (first: Date, nights: number, hour = 2) => Array.from({ length: nights }, (_, i) => new Date(first.getTime() + i * day + hour * 3_600_000))

// What the bucket holds after the nightly job ran every night: upload, then prune.
function simulate(nights: Date[]) {
  let stored: { key: string; at: Date }[] = []
  for (const at of nights) stored = backupsToKeep([...stored, { key: backupKey(at), at }]).keep
  return stored
}

describe('backup retention', () => {
  test('a month of nightly backups leaves exactly the last 7 days and one of each of the 4 weeks before', () => {
    const kept = simulate(nightly(new Date('2026-11-01T00:00:00Z'), 30))
    expect(kept.map((b) => b.key)).toEqual([
      'backups/meet-2026-11-30T02-00-00Z.dump',
      'backups/meet-2026-11-29T02-00-00Z.dump',
      'backups/meet-2026-11-28T02-00-00Z.dump',
      'backups/meet-2026-11-27T02-00-00Z.dump',
      'backups/meet-2026-11-26T02-00-00Z.dump',
      'backups/meet-2026-11-25T02-00-00Z.dump',
      'backups/meet-2026-11-24T02-00-00Z.dump',
      // weekly: the newest backup of each of the 4 ISO weeks before those days
      'backups/meet-2026-11-23T02-00-00Z.dump', // W48 (Monday 23rd, the rest of W48 is daily)
      'backups/meet-2026-11-22T02-00-00Z.dump', // W47
      'backups/meet-2026-11-15T02-00-00Z.dump', // W46
      'backups/meet-2026-11-08T02-00-00Z.dump', // W45
    ])
  })

  test('any month, any start day and any number of extra runs: 7 daily + 4 weekly, newest always kept', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 29, max: 45 }),
        fc.array(fc.integer({ min: 0, max: 44 }), { maxLength: 10 }),
        (start, nights, extraRuns) => {
          const first = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()))
          // A few nights also get a hand-made backup later the same day (meet-backup run by hand).
          const runs = [
            ...nightly(first, nights),
            ...extraRuns.filter((n) => n < nights).map((n) => new Date(first.getTime() + n * day + 15 * 3_600_000)),
          ].sort((a, b) => a.getTime() - b.getTime())
          const kept = simulate(runs)
          const days = new Set(kept.slice(0, 7).map((b) => b.at.toISOString().slice(0, 10)))
          const weeks = new Set(kept.slice(7).map((b) => isoWeek(b.at)))
          expect(kept).toHaveLength(11)
          expect(days.size).toBe(7)
          expect(weeks.size).toBe(4)
          expect(kept[0].at).toEqual(runs.at(-1))
        },
      ),
    )
  })

  test('fewer backups than the policy keeps: nothing is deleted', () => {
    const backups = nightly(new Date('2026-11-01T00:00:00Z'), 5).map((at) => ({ key: backupKey(at), at }))
    expect(backupsToKeep(backups).remove).toEqual([])
  })

  test('object names round-trip, and other objects under backups/ are not backups', () => {
    const at = new Date('2026-11-30T02:03:04Z')
    expect(backupTime(backupKey(at))).toEqual(at)
    expect(backupTime('backups/notes.txt')).toBeUndefined()
    expect(backupTime('backups/meet-2026-13-40T99-00-00Z.dump')).toBeUndefined()
  })

  test('ISO weeks: Monday starts a week, and the first days of January can belong to the year before', () => {
    expect(isoWeek(new Date('2026-11-30T10:00:00Z'))).toBe('2026-W49')
    expect(isoWeek(new Date('2026-11-29T23:00:00Z'))).toBe('2026-W48')
    expect(isoWeek(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53')
  })
})
