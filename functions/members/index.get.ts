import { defineHandler } from 'h3'
import { members, useDb, type PeopleList } from '#runtime'
import { requireAdmin } from '../_lib/admin.ts'

// The people page: every member, for admins.
export default defineHandler(async (event): Promise<PeopleList> => {
  await requireAdmin(event)
  return { members: await members.listMembers(useDb()) }
})
