import type { Runtime } from '../context.ts'
import { healthReport } from '../health/index.ts'
import { listBackups } from '../backup/store.ts'
import { readBucketUsage } from '../storage/usage.ts'
import {
  activeMeetings,
  backupLastSuccess,
  bucketBytes,
  bucketObjects,
  dependencyLatency,
  dependencyUp,
  liveParticipants,
  recordingsByStatus,
} from './registry.ts'

const statuses = ['starting', 'active', 'ending', 'complete', 'failed', 'aborted']
// Listing a bucket costs requests (and money on some stores): at most once per interval.
const bucketEvery = 5 * 60_000

/** Refreshes the gauges about state before each scrape. A failing source keeps its last values. */
export function createCollector(runtime: Runtime) {
  let bucketRead = 0
  return async function collect() {
    const bucket = Date.now() - bucketRead > bucketEvery ? readBucket(runtime).then(() => void (bucketRead = Date.now())) : undefined
    await Promise.allSettled([readHealth(runtime), readDatabase(runtime), bucket])
  }
}

async function readHealth(runtime: Runtime) {
  const { checks } = await healthReport(runtime)
  for (const [name, check] of Object.entries(checks)) {
    dependencyUp.set({ dependency: name }, check.status === 'ok' ? 1 : 0)
    dependencyLatency.set({ dependency: name }, check.latencyMs / 1000)
  }
}

async function readDatabase({ db }: Runtime) {
  const [recordings, live] = await Promise.all([
    db.query<{ status: string; count: number }>('select status, count(*)::int as count from recordings group by status'),
    db.query<{ participants: number; meetings: number }>(
      'select (select count(*) from participants where left_at is null)::int as participants, (select count(*) from meetings where ended_at is null)::int as meetings',
    ),
  ])
  for (const status of new Set([...statuses, ...recordings.rows.map((r) => r.status)])) {
    recordingsByStatus.set({ status }, recordings.rows.find((r) => r.status === status)?.count ?? 0)
  }
  liveParticipants.set(live.rows[0].participants)
  activeMeetings.set(live.rows[0].meetings)
}

// Known label values only (readBucketUsage's prefixes): an operator's own objects must not grow the series count.
async function readBucket(runtime: Runtime) {
  const { bucket } = runtime
  for (const [prefix, total] of Object.entries(await readBucketUsage(bucket))) {
    bucketBytes.set({ prefix }, total.bytes)
    bucketObjects.set({ prefix }, total.objects)
  }
  const [newest] = await listBackups(bucket)
  backupLastSuccess.set(newest ? newest.at.getTime() / 1000 : 0)
}
