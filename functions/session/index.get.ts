import { defineHandler } from 'h3'
import { useSession } from '#runtime'

// Who the visitor is to us: created on first visit, kept in a cookie.
export default defineHandler(async (event) => {
  const { identity, displayName } = await useSession(event)
  return { identity, displayName }
})
