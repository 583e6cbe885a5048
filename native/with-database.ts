// `npm run api`, `npm run users` and `npm run seed` in a checkout: runs `node <script> …` with a
// DATABASE_URL. The environment's (or .env's) wins; without one, the PostgreSQL `npm start` runs if
// it answers (same data folder), else an embedded PostgreSQL 18 started here, its data in
// DATA_DIR/postgres, stopped once the script ends. The runtime itself only ever takes a URL: it
// ships without native/ (runtime/Dockerfile).
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { resolve } from 'node:path'
import pg from 'pg'
import { loadEnvFile } from '../runtime/config/load.ts'
import { startPostgres, type PostgresHandle } from './postgres.ts'

const [script, ...args] = process.argv.slice(2)
if (!script) throw new Error('Usage: node native/with-database.ts <script> [args…]')
loadEnvFile(process.env.ENV_FILE ?? '.env')
const env = { ...process.env }
let embedded: PostgresHandle | undefined
if (!env.DATABASE_URL && env.NODE_ENV !== 'production') {
  const launcher = `postgres://${encodeURIComponent(env.POSTGRES_USER || 'meet')}:${encodeURIComponent(env.POSTGRES_PASSWORD || 'postgres')}@127.0.0.1:${env.POSTGRES_PORT || 5432}/${encodeURIComponent(env.POSTGRES_DB || 'livekit_conference')}`
  if (await answers(launcher)) env.DATABASE_URL = launcher
  else {
    const dataDir = resolve(env.DATA_DIR || '.data', 'postgres')
    embedded = await startPostgres({ dataDir, port: 54329 })
    process.stderr.write(`Embedded PostgreSQL running with data in ${dataDir}\n`)
    env.DATABASE_URL = embedded.url
  }
}

const child = spawn(process.execPath, [script, ...args], { env, stdio: 'inherit' })
// Ctrl-C reaches the script from the terminal (passing it on too would make its second SIGINT a
// hard stop); a SIGTERM sent to this process alone is passed on. Either way, wait for the script.
process.on('SIGINT', () => {})
process.on('SIGTERM', () => child.kill('SIGTERM'))
const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null]
await embedded?.stop()
process.exit(code ?? (signal ? 1 : 0))

async function answers(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
  return client.connect().then(
    () => (client.end(), true),
    () => false,
  )
}
