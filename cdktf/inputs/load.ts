import * as v from 'valibot'
import { InputError, type InputProblem } from './errors.ts'
import { inputSchema, type Inputs } from './schema.ts'
import { ConfigFileError, deploymentName, readConfigFile, readEnv, readOciDefaults, readSshKeyFile, type Env, type RawInputs } from './sources.ts'
import type { InputName } from './variables.ts'

// Environment first, then the deployment's own keys, then the config file, then ~/.oci/config
// and the SSH key file.
export function loadInputs(env: Env, configFile: string, deployment: RawInputs = {}): Inputs {
  const explicit = { ...readConfigFile(configFile).inputs, ...deployment, ...readEnv(env) }
  const raw = { ...readOciDefaults(env, explicit.ociProfile ?? 'DEFAULT'), ...(explicit.sshPublicKey ? {} : readSshKeyFile(env)), ...explicit }
  const result = v.safeParse(inputSchema, raw, { abortPipeEarly: true })
  if (!result.success) throw new InputError(result.issues.map(toProblem), configFile)
  const problems = shapeProblems(result.output)
  if (problems.length) throw new InputError(problems, configFile)
  return result.output
}

function toProblem(issue: v.BaseIssue<unknown>): InputProblem {
  const name = v.getDotPath(issue) as InputName
  return { name, problem: issue.input === undefined ? 'is missing' : `is invalid (${issue.message})` }
}

// Flexible shapes (A1, E4, E5) allow 1 to 64 GB of memory per OCPU; checked for every role.
function shapeProblems(inputs: Inputs): InputProblem[] {
  const sizes: [InputName, number, number][] = [
    ['memoryInGbs', inputs.ocpus, inputs.memoryInGbs],
    ['mediaNodeMemoryInGbs', inputs.mediaNodeOcpus, inputs.mediaNodeMemoryInGbs],
    ['recorderMemoryInGbs', inputs.recorderOcpus, inputs.recorderMemoryInGbs],
  ]
  return sizes
    .filter(([, ocpus, memory]) => memory > ocpus * 64 || memory < ocpus)
    .map(([name, ocpus]) => ({ name, problem: `is invalid (must be between ${ocpus} and ${ocpus * 64} GB for ${ocpus} OCPU(s))` }))
}

export interface Deployment {
  /** the stack's name: its folder under cdktf.out/stacks and its Terraform state */
  id: string
  inputs: Inputs
}

/**
 * Every deployment of the config file: one stack `meet` when it names none; otherwise one per
 * entry of `deployments` (e.g. staging and production), each with its own name prefix and
 * bucket unless it sets them. `only` (DEPLOYMENT) picks one of them.
 */
export function loadDeployments(env: Env, configFile: string, only?: string): Deployment[] {
  const { deployments } = readConfigFile(configFile)
  if (!deployments) {
    // No list (CI, whose settings come from each GitHub environment): DEPLOYMENT names the one.
    if (!only || only === 'meet') return [{ id: 'meet', inputs: loadInputs(env, configFile) }]
    if (!deploymentName.test(only)) throw new ConfigFileError(`DEPLOYMENT=${only} must be 1-15 lowercase letters or digits, starting with a letter`)
    return [{ id: only, inputs: loadInputs(env, configFile, namedDefaults(only)) }]
  }
  if (only && !(only in deployments))
    throw new ConfigFileError(`DEPLOYMENT=${only} is not one of ${configFile}'s deployments (${Object.keys(deployments).join(', ')})`)
  return Object.entries(deployments)
    .filter(([id]) => !only || id === only)
    .map(([id, overrides]) => ({ id, inputs: loadInputs(env, configFile, { ...namedDefaults(id), ...overrides }) }))
}

// Two deployments in one tenancy must not share display names, DNS labels or a bucket.
const namedDefaults = (id: string): RawInputs => ({ name: id, bucketName: `meet-${id}-recordings` })
