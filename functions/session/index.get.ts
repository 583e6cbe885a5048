import { defineHandler } from 'h3'
import { useSession, type Visitor } from '#runtime'

// Who the visitor is to us: created on first visit, kept in a cookie.
export default defineHandler(async (event): Promise<Visitor> => {
  const { identity, displayName } = await useSession(event)
  return { identity, displayName }
})
