// Request bodies the site reads or passes on are bounded here, whatever Astro's own backstop
// (astro.config.mjs) allows: nothing is held beyond the limit, and a refused body is read to its
// end (bounded) before the 413, so the browser mid-upload gets the answer, not a reset connection.

/** The runtime's limit (BODY_LIMIT_BYTES, same default): the /api proxy refuses what it would. */
export const apiBodyLimit = () => Number(process.env.BODY_LIMIT_BYTES) || 1_048_576

const DISCARD_BYTES = 64 * 1024 * 1024
const DISCARD_MS = 5_000

/** The API's error shape for a body over the limit. */
export const payloadTooLarge = (limit: number) =>
  Response.json({ error: 'payload_too_large', message: `The request body is larger than the limit of ${limit} bytes` }, { status: 413 })

const declaredLength = (request: Request) => {
  const length = request.headers.get('content-length')
  return length && /^\d+$/.test(length) ? Number(length) : undefined
}

/**
 * The request's body as a stream that never passes on more than `limit` bytes: past it the stream
 * errors, and `refused()` then reads the rest into nothing before the caller answers 413.
 */
export function limitedBody(request: Request, limit: number) {
  const declared = declaredLength(request)
  const reader = request.body?.getReader()
  let exceeded = declared !== undefined && declared > limit
  let received = 0
  const stream =
    reader && !exceeded
      ? new ReadableStream<Uint8Array>({
          async pull(controller) {
            const { done, value } = await reader.read()
            if (done) return controller.close()
            received += value.byteLength
            if (received > limit) {
              exceeded = true
              return controller.error(new Error('body over the limit'))
            }
            controller.enqueue(value)
          },
        })
      : undefined
  return {
    /** undefined when there is no body, or when its declared length is already too large */
    stream,
    exceeded: () => exceeded,
    /** Reads what is left of the body into nothing, up to 64 MiB or 5 s. */
    async refused(): Promise<void> {
      if (!reader) return
      const deadline = Date.now() + DISCARD_MS
      let discarded = 0
      try {
        while (discarded < DISCARD_BYTES && Date.now() < deadline) {
          const { done, value } = await reader.read()
          if (done) return
          discarded += value.byteLength
        }
      } catch {
        // the browser went away, or Astro's own limit ended the body
      }
      await reader.cancel().catch(() => {})
    },
  }
}

/** The whole body as text if it fits in `limit` bytes; undefined (rest discarded) if not. */
export async function readLimitedText(request: Request, limit: number): Promise<string | undefined> {
  const body = limitedBody(request, limit)
  if (!body.stream) return body.exceeded() ? (await body.refused(), undefined) : ''
  try {
    return await new Response(body.stream).text()
  } catch (error) {
    if (!body.exceeded()) throw error
    await body.refused()
    return undefined
  }
}

/** A form endpoint's fields, read within `limit` bytes; undefined when the body is over it. */
export async function readLimitedForm(request: Request, limit: number): Promise<FormData | undefined> {
  const text = await readLimitedText(request, limit)
  if (text === undefined) return undefined
  return new Response(text, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData().catch(() => new FormData())
}
