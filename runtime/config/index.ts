export { loadConfig } from './load.ts'
export { loadEnvFile } from './env-file.ts'
export { ConfigError } from './errors.ts'
export type { Config } from './schema.ts'
