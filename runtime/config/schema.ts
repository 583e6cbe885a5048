import * as v from 'valibot'
import { variables } from './variables.ts'

type Schemas = { [K in keyof typeof variables]: (typeof variables)[K]['schema'] }

export const configSchema = v.object(
  Object.fromEntries(Object.entries(variables).map(([name, variable]) => [name, variable.schema])) as Schemas,
)

export type RawConfig = v.InferOutput<typeof configSchema>

/** The config after defaults that depend on other variables (ACCESS_MODE follows NODE_ENV, LOBBY_DEFAULT follows ACCESS_MODE). */
export type Config = RawConfig & { ACCESS_MODE: 'members' | 'open'; LOBBY_DEFAULT: boolean }
