import { defineHandler } from 'h3'
import type { FunctionMeta } from '#runtime'

export const meta: FunctionMeta = { rateLimit: false }

// The process answers: orchestrators restart it when this stops answering.
export default defineHandler(() => ({ status: 'ok' }))
