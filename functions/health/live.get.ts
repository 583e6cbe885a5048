import { defineHandler } from 'h3'
import type { FunctionMeta, Liveness } from '#runtime'

export const meta: FunctionMeta = { rateLimit: false }

// The process answers: orchestrators restart it when this stops answering.
export default defineHandler((): Liveness => ({ status: 'ok' }))
