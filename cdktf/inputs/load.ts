import * as v from 'valibot'
import { InputError, type InputProblem } from './errors.ts'
import { inputSchema, type Inputs } from './schema.ts'
import { readConfigFile, readEnv, readOciDefaults, readSshKeyFile, type Env } from './sources.ts'
import type { InputName } from './variables.ts'

// Environment first, then the config file, then ~/.oci/config and the SSH key file.
export function loadInputs(env: Env, configFile: string): Inputs {
  const explicit = { ...readConfigFile(configFile), ...readEnv(env) }
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

// VM.Standard.A1.Flex allows 1 to 64 GB of memory per OCPU.
function shapeProblems({ ocpus, memoryInGbs }: Inputs): InputProblem[] {
  if (memoryInGbs <= ocpus * 64 && memoryInGbs >= ocpus) return []
  return [{ name: 'memoryInGbs', problem: `is invalid (must be between ${ocpus} and ${ocpus * 64} GB for ${ocpus} OCPU(s))` }]
}
