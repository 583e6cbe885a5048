import { defineHandler, getValidatedQuery } from 'h3'
import { bucketUsage, useConfig, useLogger, useRuntime, type RecordingList, type StorageUse } from '#runtime'
import { assertMember, isHostRole, requireMeeting } from '../_lib/meetings.ts'
import { listRecordings, meetingRecordings } from '../_lib/recordings.ts'
import { useVisitor } from '../_lib/visitor.ts'

// Hosts see every recording of the meeting; people who joined see the ones the owner shared, and
// any that is running: everyone in a meeting has a right to know it is being recorded. Each
// finished file comes with its download link, so the recordings page needs this one call.
export default defineHandler(async (event): Promise<RecordingList> => {
  const { roomName } = await getValidatedQuery(event, meetingRecordings)
  const [meeting, visitor] = await Promise.all([requireMeeting(roomName), useVisitor(event, { create: false })])
  const role = await assertMember(meeting, visitor)
  const [recordings, storage] = await Promise.all([listRecordings(meeting.id, { everything: isHostRole(role) }), isHostRole(role) ? storageUse() : undefined])
  return { recordings, ...(storage && { storage }) }
})

// The whole bucket's use (listed at most once a minute) against its budget; a bucket that cannot be
// listed in time leaves the figure out rather than failing or holding up the list.
const USAGE_WAIT_MS = 1_500

async function storageUse(): Promise<StorageUse | undefined> {
  let timer: NodeJS.Timeout | undefined
  try {
    const usage = await Promise.race([
      bucketUsage(useRuntime()),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no listing within ${USAGE_WAIT_MS} ms`)), USAGE_WAIT_MS))),
    ])
    const budget = useConfig().STORAGE_BUDGET_GB
    return { usedBytes: Object.values(usage).reduce((total, prefix) => total + prefix.bytes, 0), budgetBytes: budget ? budget * 1024 ** 3 : null }
  } catch (error) {
    useLogger().warn(`Recordings: could not read the bucket's use: ${(error as Error).message}`)
    return undefined
  } finally {
    clearTimeout(timer)
  }
}
