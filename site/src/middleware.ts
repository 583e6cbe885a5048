import { defineMiddleware } from 'astro:middleware'
import { PAGE_HEADERS } from './lib/page-security.ts'

/**
 * Every answer the site renders gets the page security headers (Astro adds the CSP to pages). A header
 * the answer already has is kept: the /api forwarder passes on the runtime's own, stricter set.
 */
export const onRequest = defineMiddleware(async (_, next) => {
  const response = await next()
  const headers = new Headers(response.headers)
  for (const [name, value] of Object.entries(PAGE_HEADERS)) if (!headers.has(name)) headers.set(name, value)
  // An answer that sets a cookie belongs to one visitor: no cache may keep it.
  if (headers.has('set-cookie') && !headers.has('cache-control')) headers.set('cache-control', 'no-store')
  return new Response(response.body, { status: response.status, headers })
})
