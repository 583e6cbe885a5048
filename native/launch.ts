// npm start: the Compose stack's services without Docker (embedded PostgreSQL, redis-server,
// MiniStack, livekit-server when built, the runtime and the site), with the same .env.
// Data lives in .data/ (DATA_DIR), each service's output in .data/logs/. Ctrl-C stops all.
import { resolve } from 'node:path'
import { loadLaunchSettings } from './launch/settings.ts'
import { launchStack, serviceNames } from './launch/stack.ts'
import { createStatusBoard } from './launch/status-board.ts'

const root = resolve(import.meta.dirname, '..')
process.chdir(root)
const settings = loadLaunchSettings(root)
const board = createStatusBoard(serviceNames)

let stack: Awaited<ReturnType<typeof launchStack>>
try {
  stack = await launchStack(root, settings, board)
} catch (error) {
  process.stderr.write(`\nThe stack did not start: ${error instanceof Error ? error.message : error}\nLogs: ${settings.dataDir}/logs/\n`)
  process.exit(1)
}
process.stdout.write(`\n${board.table()}\n\nOpen http://localhost:${settings.ports.site} — logs in ${settings.dataDir}/logs/, Ctrl-C stops everything.\n`)

let stopping = false
const shutdown = async () => {
  if (stopping) return
  stopping = true
  process.stdout.write('\nStopping…\n')
  await stack.stop()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())
