import { defineMiddleware, sequence } from 'astro:middleware'
import { PAGE_HEADERS } from './lib/page-security.ts'
import { refusal } from './lib/request-guard.ts'
import { clientAddress } from './lib/client-address.ts'

/**
 * Only PUBLIC_URL's host, no cross-site form posts, and the visitor's address counted by trusted
 * proxy hops (Astro itself would take the left-most X-Forwarded-For).
 */
const guard = defineMiddleware((context, next) => {
  const refused = refusal(context.request, context.url)
  if (refused) return refused
  context.locals.clientAddress = clientAddress(context.request.headers.get('x-forwarded-for'), context.clientAddress)
  context.locals.runtimeCookies = new Map()
  return next()
})

/**
 * Every answer the site renders gets the page security headers (Astro adds the CSP to pages). A header
 * the answer already has is kept: the /api forwarder passes on the runtime's own, stricter set.
 */
const securityHeaders = defineMiddleware(async (_, next) => {
  const response = await next()
  const headers = new Headers(response.headers)
  for (const [name, value] of Object.entries(PAGE_HEADERS)) if (!headers.has(name)) headers.set(name, value)
  // An answer that sets a cookie belongs to one visitor: no cache may keep it.
  if (headers.has('set-cookie') && !headers.has('cache-control')) headers.set('cache-control', 'no-store')
  return new Response(response.body, { status: response.status, headers })
})

export const onRequest = sequence(securityHeaders, guard)
