import { parse } from 'yaml'

export interface PublishedPort {
  service: string
  hostIp: string
  published: string
  protocol: string
}

interface ComposeService {
  profiles?: string[]
  ports?: (string | number | { published?: string | number; host_ip?: string; protocol?: string })[]
}

// Compose's `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?message}`, `$NAME`;
// `$$` is a literal dollar. Defaults may nest one level (`${A:-${B}}`).
const reference = /\$\$|\$\{(\w+)(?:(:?[-?])((?:[^{}]|\{[^{}]*\})*))?\}|\$(\w+)/g

function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(reference, (match, name, operator, fallback, bare) => {
    if (match === '$$') return '$'
    const value = env[name ?? bare]
    if (operator?.endsWith('-')) return value === undefined || (operator === ':-' && value === '') ? interpolate(fallback, env) : value
    return value ?? ''
  })
}

const strings = (node: unknown): string[] => (typeof node === 'string' ? [node] : node && typeof node === 'object' ? Object.values(node).flatMap(strings) : [])

// Names Compose must find in the environment: referenced without a default (comments aside).
export function requiredVariables(composeText: string): string[] {
  const names = strings(parse(composeText)).flatMap((text) =>
    [...text.matchAll(reference)].filter(([match, name, operator]) => match !== '$$' && name && (!operator || operator.endsWith('?'))).map((match) => match[1]),
  )
  return [...new Set(names)].sort()
}

// Host ports the stack publishes with the given profile active.
export function publishedPorts(composeText: string, env: Record<string, string>, profile: string): PublishedPort[] {
  const compose = parse(interpolate(composeText, env)) as { services: Record<string, ComposeService> }
  return Object.entries(compose.services).flatMap(([service, spec]) => {
    if (spec.profiles && !spec.profiles.includes(profile)) return []
    return (spec.ports ?? []).map((entry) => {
      if (typeof entry === 'object')
        return { service, hostIp: entry.host_ip ?? '0.0.0.0', published: String(entry.published ?? ''), protocol: entry.protocol ?? 'tcp' }
      const [mapping, protocol = 'tcp'] = String(entry).split('/')
      const parts = mapping.split(':')
      const hostIp = parts.length === 3 ? parts[0] : '0.0.0.0'
      const published = parts.length === 1 ? '' : parts[parts.length - 2]
      return { service, hostIp, published, protocol }
    })
  })
}
