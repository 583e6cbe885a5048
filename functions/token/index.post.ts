import { defineHandler, readValidatedBody } from 'h3'
import * as v from 'valibot'
import type { FunctionMeta } from '#runtime'
import { roomNameSchema } from '../_lib/room-name.ts'
import { displayNameSchema } from '../_lib/display-name.ts'
import { issueToken } from '../_lib/token.ts'

export const meta: FunctionMeta = { rateLimit: 'token' }

const body = v.object({ roomName: roomNameSchema, participantName: v.optional(displayNameSchema) })

export default defineHandler(async (event) => issueToken(event, await readValidatedBody(event, body), { keepName: true }))
