import { defineHandler, getValidatedQuery } from 'h3'
import type { FunctionMeta } from '#runtime'
import { issueToken, tokenQuery } from '../_lib/token.ts'

export const meta: FunctionMeta = { rateLimit: 'token' }

// LiveKit Meet's connection-details form: GET /token?roomName=…&participantName=…. The name goes
// into this token only: a link or an image on another page must not rename anyone.
export default defineHandler(async (event) => issueToken(event, await getValidatedQuery(event, tokenQuery), { keepName: false }))
