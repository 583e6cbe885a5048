// Bare h3 v2 on srvx doing the runtime's work for the benchmarked routes: the ceiling for this stack.
// CROSS_CUTTING=1 adds the runtime's cross-cutting work (see cross-cutting.ts) as h3 middleware.
import { H3, getCookie, getRequestIP, getRouterParam, readBody, type H3Event } from 'h3'
import { serve } from 'srvx'
import { openWork, type Answer } from './work.ts'
import { SECURITY_HEADERS, countRequest, logRequest, requestIdFrom, requestStore, tierOf } from './cross-cutting.ts'

const work = openWork(process.env)
const send = (event: H3Event, answer: Answer) => ((event.res.status = answer.status), answer.body)
// The runtime's production cookie name (runtime/session/current.ts).
const sessionId = (event: H3Event) => getCookie(event, '__Host-meet_sid')

const app = new H3(
  process.env.CROSS_CUTTING === '1'
    ? {
        onResponse: (response, event) =>
          logRequest(event.req.method, event.url.pathname, response.status, event.context.startedAt as number, event.context.requestId as string),
      }
    : {},
)

if (process.env.CROSS_CUTTING === '1') {
  app.use(async (event, next) => {
    const requestId = requestIdFrom(event.req.headers.get('x-request-id'))
    event.context.requestId = requestId
    event.context.startedAt = performance.now()
    event.res.headers.set('x-request-id', requestId)
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) event.res.headers.set(name, value)
    const tier = tierOf(event.url.pathname)
    if (tier) {
      const decision = await countRequest(work.redis, tier, getRequestIP(event) ?? 'unknown')
      for (const [name, value] of Object.entries(decision.headers)) event.res.headers.set(name, value)
      if (!decision.allowed) return send(event, { status: 429, body: { error: 'rate_limited' } })
    }
    return requestStore.run({ requestId }, next)
  })
}

app.get('/health/live', (event) => send(event, work.live()))
app.get('/health/ready', async (event) => send(event, await work.ready()))
app.post('/token', async (event) => send(event, await work.token(sessionId(event), await readBody(event))))
app.get('/meetings/:roomName', async (event) => send(event, await work.meeting(sessionId(event), getRouterParam(event, 'roomName') ?? '')))

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1', silent: true, gracefulShutdown: false })

// The pools would keep the process alive: a benchmark baseline just ends.
process.once('SIGTERM', () => process.exit(0))
