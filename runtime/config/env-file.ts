import { existsSync } from 'node:fs'

// Local runs read `.env`; variables already in the environment win, as with Compose.
export function loadEnvFile(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path)
}
