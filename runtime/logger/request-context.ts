import { AsyncLocalStorage } from 'node:async_hooks'

// Lets every log line written while a request runs carry that request's id.
export const requestContext = new AsyncLocalStorage<{ requestId: string }>()
