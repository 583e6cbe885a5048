import { defineHandler, readValidatedBody } from 'h3'
import type { FunctionMeta } from '#runtime'
import { issueToken, tokenRequest } from '../_lib/token.ts'

export const meta: FunctionMeta = { rateLimit: 'token' }

export default defineHandler(async (event) => issueToken(event, await readValidatedBody(event, tokenRequest), { keepName: true }))
