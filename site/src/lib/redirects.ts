import type { HomeError } from './home-errors.ts'

/** A 303 to `location`, carrying any cookies the runtime set along the way. */
export function redirectWithCookies(location: string, headers = new Headers()): Response {
  headers.set('location', location)
  return new Response(null, { status: 303, headers })
}

// What the person typed goes back into the form, cut to what the home page shows (home-errors.ts):
// a Location header never carries an unbounded copy of the request.
const ECHOED_NAME_LENGTH = 80

export const homeWithError = (error: HomeError, name: string, headers?: Headers) =>
  redirectWithCookies(`/?${new URLSearchParams({ error, name: [...name].slice(0, ECHOED_NAME_LENGTH).join('') })}`, headers)
