import { createServer } from 'node:net'

class PortInUseError extends Error {}

/** Fails with the setting to change when something already listens on 127.0.0.1:port. */
export async function assertPortFree(port: number, setting: string): Promise<void> {
  const server = createServer()
  const free = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => resolve(true))
  })
  if (free) return new Promise((resolve) => server.close(() => resolve()))
  throw new PortInUseError(`port ${port} is in use (${setting}): stop what listens there, or set ${setting} in .env`)
}
