// Express 5 doing the runtime's work for the benchmarked routes: the stack the original design used.
// CROSS_CUTTING=1 adds the runtime's cross-cutting work (see cross-cutting.ts) as Express middleware.
import express, { type Response } from 'express'
import { openWork, type Answer } from './work.ts'
import { SECURITY_HEADERS, countRequest, logRequest, requestIdFrom, requestStore, tierOf } from './cross-cutting.ts'

const work = openWork(process.env)
const send = (res: Response, answer: Answer) => res.status(answer.status).json(answer.body)
// The runtime's production cookie name (runtime/session/current.ts).
const sessionId = (cookie: string | undefined) => /(?:^|;\s*)__Host-meet_sid=([^;]*)/.exec(cookie ?? '')?.[1]

const app = express()

if (process.env.CROSS_CUTTING === '1') {
  app.use(async (req, res, next) => {
    const requestId = requestIdFrom(req.get('x-request-id'))
    const startedAt = performance.now()
    res.set('x-request-id', requestId).set(SECURITY_HEADERS)
    res.on('finish', () => logRequest(req.method, req.path, res.statusCode, startedAt, requestId))
    const tier = tierOf(req.path)
    if (tier) {
      const decision = await countRequest(work.redis, tier, req.ip ?? 'unknown')
      res.set(decision.headers)
      if (!decision.allowed) return send(res, { status: 429, body: { error: 'rate_limited' } })
    }
    requestStore.run({ requestId }, next)
  })
}

app.use(express.json({ limit: '1mb' }))
app.get('/health/live', (_req, res) => send(res, work.live()))
app.get('/health/ready', async (_req, res) => send(res, await work.ready()))
app.post('/token', async (req, res) => send(res, await work.token(sessionId(req.get('cookie')), req.body)))
app.get('/meetings/:roomName', async (req, res) => send(res, await work.meeting(sessionId(req.get('cookie')), req.params.roomName)))

app.listen(Number(process.env.PORT), '127.0.0.1')

// The pools would keep the process alive: a benchmark baseline just ends.
process.once('SIGTERM', () => process.exit(0))
