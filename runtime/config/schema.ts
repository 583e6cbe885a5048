import * as v from 'valibot'
import { variables } from './variables.ts'

type Schemas = { [K in keyof typeof variables]: (typeof variables)[K]['schema'] }

export const configSchema = v.object(
  Object.fromEntries(Object.entries(variables).map(([name, variable]) => [name, variable.schema])) as Schemas,
)

export type Config = v.InferOutput<typeof configSchema>
