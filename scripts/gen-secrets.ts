// npm run secrets [-- <env file> [<example file>]]: writes .env from .env.example with random
// secrets, keeping every value .env already has. Readable by its owner only.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fillEnv } from './secrets/fill-env.ts'

const [target = '.env', example = '.env.example'] = process.argv.slice(2)
const existing = existsSync(target) ? readFileSync(target, 'utf8') : ''
writeFileSync(target, fillEnv(readFileSync(example, 'utf8'), existing), { mode: 0o600 })
process.stdout.write(`${existing ? 'Updated' : 'Wrote'} ${target}: secrets filled, values already set kept.\n`)
