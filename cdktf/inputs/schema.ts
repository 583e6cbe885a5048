import * as v from 'valibot'
import { inputVariables } from './variables.ts'

type Schemas = { [K in keyof typeof inputVariables]: (typeof inputVariables)[K]['schema'] }

export const inputSchema = v.object(Object.fromEntries(Object.entries(inputVariables).map(([name, variable]) => [name, variable.schema])) as Schemas)

export type Inputs = v.InferOutput<typeof inputSchema>
