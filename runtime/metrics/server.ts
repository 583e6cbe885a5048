import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Runtime } from '../context.ts'
import { createCollector } from './collect.ts'
import { registry } from './registry.ts'

// Prometheus metrics on their own port, separate from the API: Compose does not publish it and
// Caddy never routes to it, so only the internal network (Prometheus) can read it.
export async function startMetricsServer(runtime: Runtime, port: number, host: string) {
  const collect = createCollector(runtime)
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Metrics are at /metrics\n')
      return
    }
    collect()
      .then(() => registry.metrics())
      .then(
        (body) => response.writeHead(200, { 'content-type': registry.contentType }).end(body),
        (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
      )
  })
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve))
  const { port: bound } = server.address() as AddressInfo
  runtime.logger.info(`Metrics on http://${host}:${bound}/metrics (internal only)`)
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
