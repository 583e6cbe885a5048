export interface Fixtures {
  /** `__Host-meet_sid=…`, the host's session (the runtime runs as in production) */
  cookie: string
  roomName: string
}

/** A visitor session and a meeting it hosts, made through the runtime's own API. */
export async function createFixtures(runtimeUrl: string, roomName = 'bench-room'): Promise<Fixtures> {
  // Reading GET /session writes nothing; naming oneself is what starts a session.
  const session = await fetch(`${runtimeUrl}/session`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"displayName":"Bench"}' })
  const cookie = session.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('__Host-meet_sid='))
  if (!cookie) throw new Error(`PUT /session set no __Host-meet_sid cookie (${session.status})`)
  const created = await fetch(`${runtimeUrl}/meetings`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ roomName }),
  })
  if (created.status !== 201 && created.status !== 409) throw new Error(`POST /meetings answered ${created.status}: ${await created.text()}`)
  return { cookie, roomName }
}
