import type { Visitor } from '#runtime'
import { defineHandler } from 'h3'
import { accountJson } from '../_lib/account-json.ts'
import { useVisitor } from '../_lib/visitor.ts'

// Who the visitor is to us. Reading writes nothing: a first-time visitor has no session yet.
export default defineHandler(async (event): Promise<Visitor> => {
  const { session, member } = await useVisitor(event, { create: false })
  return { identity: session?.identity ?? null, displayName: session?.displayName ?? null, member: member ? accountJson(member) : null }
})
