import { bodyLimit as streamBodyLimit, type Middleware } from 'h3'

const DIGITS = /^\d+$/

// h3's bodyLimit wraps every request body in a counting web stream, which costs more than the
// rest of a small JSON request. Node's parser never delivers more than a Content-Length it
// accepted, so a declared length within the limit needs no wrapper; anything else (chunked bodies,
// a length over the limit) still goes through h3's check.
export function bodyLimit(limit: number): Middleware {
  const checked = streamBodyLimit(limit)
  return (event, next) => {
    const { headers } = event.req
    const length = headers.get('content-length')
    if (length && DIGITS.test(length) && Number(length) <= limit && !headers.has('transfer-encoding')) return next()
    if (!length && !headers.has('transfer-encoding')) return next()
    return checked(event, next)
  }
}
