import { defineTask, useConfig } from '#runtime'
import { deleteExpiredRecordings } from '../_lib/recording-retention.ts'

// RECORDING_RETENTION_DAYS on any S3 store (on Oracle a bucket lifecycle rule deletes the files
// too; this also removes the rows). Hourly: retention is counted in days.
export default defineTask({
  name: 'recording retention',
  everySeconds: 3600,
  enabled: (config) => config.RECORDING_RETENTION_DAYS !== undefined,
  async run() {
    const days = useConfig().RECORDING_RETENTION_DAYS!
    const deleted = await deleteExpiredRecordings(days)
    return deleted ? `deleted ${deleted} recording(s) older than ${days} days` : undefined
  },
})
