import { defineHandler } from 'h3'
import { endSession, type SignedOut } from '#runtime'

// The session is deleted on the server, not only forgotten by this browser.
export default defineHandler(async (event): Promise<SignedOut> => {
  await endSession(event)
  return { signedOut: true }
})
