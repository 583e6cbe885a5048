// `npm run docs:env`: refreshes the README's variable table from runtime/config/variables.ts.
import { readFileSync, writeFileSync } from 'node:fs'
import { withEnvReference } from './env-reference.ts'

writeFileSync('README.md', withEnvReference(readFileSync('README.md', 'utf8')))
