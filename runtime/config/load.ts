import { existsSync } from 'node:fs'
import * as v from 'valibot'
import { variables, type VariableName } from './variables.ts'

// Reading the configuration: the environment (and a local .env) through the variables' schemas.

type Schemas = { [K in keyof typeof variables]: (typeof variables)[K]['schema'] }

const configSchema = v.object(Object.fromEntries(Object.entries(variables).map(([name, variable]) => [name, variable.schema])) as Schemas)

type RawConfig = v.InferOutput<typeof configSchema>

/** The config after defaults that depend on other variables (ACCESS_MODE follows NODE_ENV, LOBBY_DEFAULT follows ACCESS_MODE). */
export type Config = RawConfig & { ACCESS_MODE: 'members' | 'open'; LOBBY_DEFAULT: boolean }

type Env = Record<string, string | undefined>

// Local runs read `.env`; variables already in the environment win, as with Compose.
export function loadEnvFile(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path)
}

export interface ConfigProblem {
  name: VariableName
  problem: string
}

// One error that names every bad variable at once, so a deploy is fixed in one pass.
export class ConfigError extends Error {
  readonly problems: ConfigProblem[]

  constructor(problems: ConfigProblem[]) {
    const lines = problems.map(({ name, problem }) => {
      const { description, example } = variables[name]
      return `  - ${name} ${problem}: ${description}. Example: ${name}=${example}`
    })
    super(`Invalid configuration, ${problems.length} variable(s) to fix (see .env.example):\n${lines.join('\n')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

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
  return [
    { name: 'TRUST_PROXY_HOPS', problem: 'replaces TRUST_PROXY: remove TRUST_PROXY and give the number of proxies in front (1 behind Caddy or the site)' },
  ]
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
