import { createConsola, LogLevels, type ConsolaInstance } from 'consola'
import { jsonReporter } from './json-reporter.ts'

export interface LoggerOptions {
  level: 'debug' | 'info' | 'warn' | 'error'
  json: boolean
}

// Readable lines in development, JSON lines in production.
export function createLogger({ level, json }: LoggerOptions): ConsolaInstance {
  return createConsola({
    level: LogLevels[level],
    ...(json ? { reporters: [jsonReporter] } : { fancy: process.stdout.isTTY }),
  })
}
