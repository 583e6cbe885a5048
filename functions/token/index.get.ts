import { defineHandler, getValidatedQuery } from 'h3'
import * as v from 'valibot'
import type { FunctionMeta } from '#runtime'
import { roomNameSchema } from '../_lib/room-name.ts'
import { displayNameSchema } from '../_lib/display-name.ts'
import { issueToken } from '../_lib/token.ts'

export const meta: FunctionMeta = { rateLimit: 'token' }

// LiveKit Meet's connection-details form: GET /token?roomName=…&participantName=…. The name goes
// into this token only: a link or an image on another page must not rename anyone.
const query = v.object({ roomName: roomNameSchema, participantName: v.optional(displayNameSchema) })

export default defineHandler(async (event) => issueToken(event, await getValidatedQuery(event, query), { keepName: false }))
