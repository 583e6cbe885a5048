import { parseEnv } from 'node:util'
import { secretGenerators } from './generators.ts'

const assignment = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)=(.*)$/

/**
 * The .env text for `example` (comments and order kept): a value `existing` already sets wins,
 * an empty secret gets a random value, everything else comes from the example.
 * Settings of `existing` the example does not know are kept at the end.
 */
export function fillEnv(example: string, existing = ''): string {
  const current = parseEnv(existing) as Record<string, string>
  const seen = new Set<string>()
  const lines = example.split('\n').map((line) => {
    const match = assignment.exec(line)
    if (!match) return line
    const [, indent, name, value] = match
    seen.add(name)
    if (current[name]) return `${indent}${name}=${quote(current[name])}`
    if (value.trim() === '' && secretGenerators[name]) return `${indent}${name}=${secretGenerators[name]()}`
    return line
  })
  const extra = Object.entries(current).filter(([name]) => !seen.has(name))
  if (extra.length)
    lines.splice(lines.at(-1) === '' ? -1 : lines.length, 0, '', '# Kept from the previous .env', ...extra.map(([name, value]) => `${name}=${quote(value)}`))
  return lines.join('\n')
}

// parseEnv unquoted the value: quote it again when it would not read back the same, with
// a quote character the value does not hold (dotenv quotes have no escapes).
function quote(value: string): string {
  if (/^[\w@%+=:,./-]*$/.test(value)) return value
  const mark = ["'", '"', '`'].find((candidate) => !value.includes(candidate)) ?? "'"
  return `${mark}${value}${mark}`
}
