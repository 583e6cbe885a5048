import type { H3Event } from 'h3'

/** Response headers as name/value pairs: built once per request, handed to the response as they are. */
export type HeaderList = Array<[string, string]>

/**
 * Copies `list` onto the headers h3 merges into the answer, leaving any a function set itself.
 * The slower path, for answers h3 builds (errors, preflights, a function's own Response).
 */
export function applyHeaders(event: H3Event, list: Readonly<HeaderList>): void {
  const headers = event.res.headers
  for (const [name, value] of list) if (!headers.has(name)) headers.set(name, value)
}
