import * as v from 'valibot'
import { configSchema, type Config, type RawConfig } from './schema.ts'
import { ConfigError, type ConfigProblem } from './errors.ts'
import type { VariableName } from './variables.ts'

type Env = Record<string, string | undefined>

// Reads the environment into a typed config, or throws a ConfigError naming every bad variable.
export function loadConfig(env: Env = process.env): Config {
  // A blank value (empty or only spaces, as .env files often hold) means unset.
  const input: Env = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''))
  const result = v.safeParse(configSchema, input, { abortPipeEarly: true })
  const problems = result.success ? [] : result.issues.map(toProblem)
  const reported = new Set(problems.map((p) => p.name))
  problems.push(...[...renamedProblems(input), ...productionProblems(input)].filter((p) => !reported.has(p.name)))
  if (problems.length > 0) throw new ConfigError(problems)
  const config = result.output as RawConfig
  // A public deployment is closed unless the operator opens it; a laptop is open.
  const accessMode = config.ACCESS_MODE ?? (config.NODE_ENV === 'production' ? 'members' : 'open')
  // Where members sign in to start meetings, their guests wait to be let in unless the operator says otherwise.
  return { ...config, ACCESS_MODE: accessMode, LOBBY_DEFAULT: config.LOBBY_DEFAULT ?? accessMode === 'members' }
}

function toProblem(issue: v.BaseIssue<unknown>): ConfigProblem {
  const name = v.getDotPath(issue) as VariableName
  return { name, problem: issue.input === undefined ? 'is missing' : `is invalid (${issue.message})` }
}

// A variable that was replaced: ignoring it (TRUST_PROXY read as 0 hops) would put every visitor
// behind the site on one rate limit, so the start stops and says what to set instead.
function renamedProblems(input: Env): ConfigProblem[] {
  if (input.TRUST_PROXY === undefined) return []
  return [{ name: 'TRUST_PROXY_HOPS', problem: 'replaces TRUST_PROXY: remove TRUST_PROXY and give the number of proxies in front (1 behind Caddy or the site)' }]
}

// Development may lean on embedded defaults; production must say everything explicitly.
function productionProblems(input: Env): ConfigProblem[] {
  const problems: ConfigProblem[] = oidcProblems(input)
  if (input.NODE_ENV !== 'production') return problems
  if (!input.DATABASE_URL) problems.push({ name: 'DATABASE_URL', problem: 'is missing (required in production)' })
  const secret = input.LIVEKIT_API_SECRET
  if (secret && secret.length < 32) problems.push({ name: 'LIVEKIT_API_SECRET', problem: 'is invalid (32+ characters in production)' })
  return problems
}

// OpenID Connect needs its three settings together.
function oidcProblems(input: Env): ConfigProblem[] {
  const names = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const
  if (!names.some((name) => input[name])) return []
  return names.filter((name) => !input[name]).map((name) => ({ name, problem: 'is missing (OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together)' }))
}
