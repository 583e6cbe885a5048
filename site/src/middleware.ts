import { defineMiddleware } from 'astro/middleware'
import { refusal } from './lib/request-guard.ts'
import { clientAddress } from './lib/client-address.ts'

// Every page and endpoint: only PUBLIC_URL's host, no cross-site form posts, and the visitor's
// address counted by trusted proxy hops (Astro itself would take the left-most X-Forwarded-For).
export const onRequest = defineMiddleware((context, next) => {
  const refused = refusal(context.request, context.url)
  if (refused) return refused
  context.locals.clientAddress = clientAddress(context.request.headers.get('x-forwarded-for'), context.clientAddress)
  context.locals.runtimeCookies = new Map()
  return next()
})
