import { defineHandler } from 'h3'
import { endSession } from '#runtime'

// The session is deleted on the server, not only forgotten by this browser.
export default defineHandler(async (event) => {
  await endSession(event)
  return { signedOut: true }
})
