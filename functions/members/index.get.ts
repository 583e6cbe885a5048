import { defineHandler } from 'h3'
import { members, useDb } from '#runtime'
import { requireAdmin } from '../_lib/admin.ts'

// The people page: every member, for admins.
export default defineHandler(async (event) => {
  await requireAdmin(event)
  return { members: await members.listMembers(useDb()) }
})
