/** The API's error shape for when the runtime does not answer at all. */
export const unreachable = () =>
  Response.json({ error: 'service_unavailable', message: 'The meeting server is not reachable right now. Try again in a moment.' }, { status: 503 })
