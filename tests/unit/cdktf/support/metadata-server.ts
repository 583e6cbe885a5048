import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface MetadataServer {
  url: string
  close: () => Promise<void>
}

// Stands in, on loopback, for what only exists on an OCI instance: the instance metadata
// service (v2, which wants the `Authorization: Bearer Oracle` header) and an IP echo service.
export async function startMetadataServer(metadata: Record<string, string>, publicIp: string): Promise<MetadataServer> {
  const server: Server = createServer((request, response) => {
    const key = /^\/opc\/v2\/instance\/metadata\/(\w+)$/.exec(request.url ?? '')?.[1]
    if (request.url === '/ip') return void response.end(`${publicIp}\n`)
    if (!key || request.headers.authorization !== 'Bearer Oracle' || !(key in metadata)) return void response.writeHead(404).end()
    response.end(metadata[key])
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
