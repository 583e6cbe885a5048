import { variables } from '../../runtime/config/variables.ts'
import * as v from 'valibot'

const START = '<!-- env-reference:start -->'
const END = '<!-- env-reference:end -->'

/** The runtime's variables as a markdown table, straight from the config schema. */
export function envReferenceTable(): string {
  const rows = Object.entries(variables).map(([name, { description, example, schema }]) => {
    const fallback = v.getDefault(schema as v.OptionalSchema<v.GenericSchema, unknown>)
    const required = schema.type !== 'optional'
    const value = required ? '**required**' : fallback === undefined ? 'optional' : `\`${fallback || '(empty)'}\``
    return `| \`${name}\` | ${value} | ${description} | \`${example}\` |`
  })
  return ['| variable | default | what it is for | example |', '| --- | --- | --- | --- |', ...rows].join('\n')
}

/** README with its reference section replaced by the current table. */
export function withEnvReference(readme: string): string {
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start < 0 || end < 0) throw new Error(`README needs ${START} and ${END} markers`)
  return `${readme.slice(0, start + START.length)}\n${envReferenceTable()}\n${readme.slice(end)}`
}
