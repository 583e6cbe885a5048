import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { readOciProfile } from './oci-config-file.ts'
import { inputVariables, type InputName } from './variables.ts'

export type Env = Record<string, string | undefined>
export type RawInputs = Partial<Record<InputName, string>>

export class ConfigFileError extends Error {}

export interface ConfigFile {
  inputs: RawInputs
  /** `deployments`: name → the inputs that differ for it (staging, production, …) */
  deployments?: Record<string, RawInputs>
}

export const deploymentName = /^[a-z][a-z0-9]{0,14}$/

export function readConfigFile(path: string): ConfigFile {
  if (!existsSync(path)) return { inputs: {} }
  const { deployments, ...parsed } = asObject(parseJson(path), path)
  const file: ConfigFile = { inputs: toInputs(parsed, path) }
  if (deployments === undefined) return file
  const named = asObject(deployments, `${path} deployments`)
  const badNames = Object.keys(named).filter((name) => !deploymentName.test(name))
  if (badNames.length) throw new ConfigFileError(`${path} deployments: ${badNames.join(', ')} must be 1-15 lowercase letters or digits, starting with a letter`)
  if (!Object.keys(named).length) throw new ConfigFileError(`${path} deployments is empty: name at least one, or remove the key`)
  file.deployments = Object.fromEntries(
    Object.entries(named).map(([name, overrides]) => [name, toInputs(asObject(overrides, `${path} deployments.${name}`), `${path} deployments.${name}`)]),
  )
  return file
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigFileError(`${where} must hold a JSON object`)
  return value as Record<string, unknown>
}

function toInputs(parsed: Record<string, unknown>, where: string): RawInputs {
  const unknown = Object.keys(parsed).filter((key) => !(key in inputVariables))
  if (unknown.length)
    throw new ConfigFileError(`${where} has unknown keys: ${unknown.join(', ')} (known: ${Object.keys(inputVariables).join(', ')}, deployments)`)
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
