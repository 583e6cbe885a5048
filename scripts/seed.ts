// Demo data for local development: `npm run seed`. Safe to run again: nothing is duplicated.
import { loadConfig, loadEnvFile } from '../runtime/config/load.ts'
import { createLogger } from '../runtime/logger/create.ts'
import { connectDatabase } from '../runtime/db/pool.ts'
import { migrate } from '../runtime/db/migrate.ts'
import { startEmbeddedDatabase } from '../runtime/db/embedded.ts'
import { seedDemoData } from './seed/demo-data.ts'

loadEnvFile(process.env.ENV_FILE ?? '.env')
const config = loadConfig()
const logger = createLogger({ level: config.LOG_LEVEL, json: config.NODE_ENV === 'production' })
const embedded = config.DATABASE_URL ? undefined : await startEmbeddedDatabase(config.DATA_DIR, logger)
const db = await connectDatabase(config.DATABASE_URL ?? embedded!.url, logger)
await migrate(db)
const counts = await seedDemoData(db)
logger.success(`Demo data: ${counts.meetings} meetings, ${counts.participants} participants, ${counts.recordings} recordings`)
await db.end()
await embedded?.stop()
