import type { APIRoute } from 'astro'
import { roomNameFromInput } from '../lib/room-name.ts'
import { homeWithError, redirectWithCookies } from '../lib/redirects.ts'

// The home page's "Join" form: a name or an invite link leads to that meeting's page.
export const GET: APIRoute = ({ url }) => {
  const input = url.searchParams.get('room') ?? ''
  const roomName = roomNameFromInput(input)
  if (!roomName) return homeWithError('not-a-name', input.trim())
  return redirectWithCookies(`/rooms/${roomName}`)
}
