import type { HomeError } from './home-errors.ts'

/** A 303 to `location`, carrying any cookies the runtime set along the way. */
export function redirectWithCookies(location: string, headers = new Headers()): Response {
  headers.set('location', location)
  return new Response(null, { status: 303, headers })
}

export const homeWithError = (error: HomeError, name: string, headers?: Headers) =>
  redirectWithCookies(`/?${new URLSearchParams({ error, name })}`, headers)
