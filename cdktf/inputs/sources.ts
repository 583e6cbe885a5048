import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { readOciProfile } from './oci-config-file.ts'
import { inputVariables, type InputName } from './variables.ts'

export type Env = Record<string, string | undefined>
export type RawInputs = Partial<Record<InputName, string>>

export class ConfigFileError extends Error {}

export function readConfigFile(path: string): RawInputs {
  if (!existsSync(path)) return {}
  const parsed = parseJson(path)
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigFileError(`${path} must hold a JSON object`)
  const unknown = Object.keys(parsed).filter((key) => !(key in inputVariables))
  if (unknown.length) throw new ConfigFileError(`${path} has unknown keys: ${unknown.join(', ')} (known: ${Object.keys(inputVariables).join(', ')})`)
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]))
}

function parseJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new ConfigFileError(`${path} is not valid JSON: ${(error as Error).message}`)
  }
}

export function readEnv(env: Env): RawInputs {
  const entries = Object.entries(inputVariables).map(([name, { env: key }]) => [name, env[key]] as const)
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== ''))
}

// ~/.oci/config already names the tenancy, the user and the region the provider signs with.
export function readOciDefaults(env: Env, profile: string): RawInputs {
  const path = env.OCI_CLI_CONFIG_FILE ?? join(homedir(), '.oci', 'config')
  const { tenancy, user, region } = readOciProfile(path, profile)
  return Object.fromEntries(Object.entries({ tenancyOcid: tenancy, userOcid: user, region }).filter(([, value]) => value))
}

export function readSshKeyFile(env: Env): RawInputs {
  const path = env.SSH_PUBLIC_KEY_FILE ?? join(homedir(), '.ssh', 'id_ed25519.pub')
  return existsSync(path) ? { sshPublicKey: readFileSync(path, 'utf8').trim() } : {}
}
