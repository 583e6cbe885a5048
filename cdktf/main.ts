import { App } from 'cdktf'
import { join, resolve } from 'node:path'
import { readStackFiles, StackFilesMissingError } from './cloud-init/stack-files.ts'
import { freeTierWarnings } from './inputs/free-tier.ts'
import { InputError } from './inputs/errors.ts'
import { loadDeployments } from './inputs/load.ts'
import { ConfigFileError } from './inputs/sources.ts'
import { MeetStack } from './stack.ts'

const repoRoot = resolve(import.meta.dirname, '..')
const configFile = process.env.CDKTF_CONFIG_FILE ?? join(repoRoot, 'cdktf', 'config.json')

try {
  // The allowance is checked over every deployment of the file, even when DEPLOYMENT picks one.
  for (const warning of freeTierWarnings(loadDeployments(process.env, configFile).map((d) => d.inputs))) console.warn(`Warning: ${warning}`)
  const app = new App()
  const stackFiles = readStackFiles(repoRoot)
  for (const { id, inputs } of loadDeployments(process.env, configFile, process.env.DEPLOYMENT || undefined)) new MeetStack(app, id, { inputs, stackFiles })
  app.synth()
} catch (error) {
  // Input problems are the administrator's to fix: the message, not a stack trace.
  if (!(error instanceof InputError || error instanceof ConfigFileError || error instanceof StackFilesMissingError)) throw error
  console.error(error.message)
  process.exitCode = 1
}
