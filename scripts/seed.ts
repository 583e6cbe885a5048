// Demo data for local development: `npm run seed` (native/with-database.ts gives it a database).
// Safe to run again: nothing is duplicated.
import { loadConfig, loadEnvFile } from '../runtime/config/load.ts'
import { createLogger } from '../runtime/logger/create.ts'
import { connectDatabase } from '../runtime/db/pool.ts'
import { migrate } from '../runtime/db/migrate.ts'
import { seedDemoData } from './seed/demo-data.ts'

loadEnvFile(process.env.ENV_FILE ?? '.env')
const config = loadConfig()
const logger = createLogger({ level: config.LOG_LEVEL, json: config.NODE_ENV === 'production' })
if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set: run `npm run seed`, which finds or starts the development database')
const db = await connectDatabase(config.DATABASE_URL, logger)
await migrate(db)
const counts = await seedDemoData(db)
logger.success(`Demo data: ${counts.meetings} meetings, ${counts.participants} participants, ${counts.recordings} recordings`)
await db.end()
