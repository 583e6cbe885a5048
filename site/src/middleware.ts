import { defineMiddleware, sequence } from 'astro:middleware'
import { PAGE_HEADERS } from './lib/page-security.ts'
import { refusal } from './lib/request-guard.ts'
import { clientAddress } from './lib/client-address.ts'
import { LOCALE_COOKIE, pickLocale } from './i18n/locales.ts'
import { THEME_COOKIE, pickTheme } from './lib/theme.ts'

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

/** The visitor's language and theme, for every page (src/i18n/locales.ts, src/lib/theme.ts). */
const preferences = defineMiddleware((context, next) => {
  context.locals.locale = pickLocale(context.cookies.get(LOCALE_COOKIE)?.value, context.request.headers.get('accept-language'))
  context.locals.theme = pickTheme(context.cookies.get(THEME_COOKIE)?.value)
  return next()
})

/**
 * Every answer the site renders gets the page security headers (Astro adds the CSP to pages). A header
 * the answer already has is kept: the /api forwarder passes on the runtime's own, stricter set.
 */
const securityHeaders = defineMiddleware(async (context, next) => {
  const response = await next()
  const headers = new Headers(response.headers)
  for (const [name, value] of Object.entries(PAGE_HEADERS)) if (!headers.has(name)) headers.set(name, value)
  // Pages are in the visitor's language; without a remembered choice it came from Accept-Language,
  // so a cache must keep the languages apart.
  if (context.locals.locale && !context.url.pathname.startsWith('/api/') && !headers.has('content-language')) {
    headers.set('content-language', context.locals.locale)
    if (!context.cookies.get(LOCALE_COOKIE)) headers.append('vary', 'Accept-Language')
  }
  // An answer that sets a cookie belongs to one visitor: no cache may keep it.
  if (headers.has('set-cookie') && !headers.has('cache-control')) headers.set('cache-control', 'no-store')
  return new Response(response.body, { status: response.status, headers })
})

export const onRequest = sequence(securityHeaders, guard, preferences)
