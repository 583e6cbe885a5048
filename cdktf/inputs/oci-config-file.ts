import { existsSync, readFileSync } from 'node:fs'

// Reads one profile of an OCI CLI config file (INI: `[PROFILE]` then `key=value` lines).
export function readOciProfile(path: string, profile: string): Record<string, string> {
  if (!existsSync(path)) return {}
  const values: Record<string, string> = {}
  let current = ''
  for (const raw of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const section = /^\[(.+)\]$/.exec(line)
    if (section) current = section[1].trim()
    else if (current === profile && line.includes('=')) {
      const at = line.indexOf('=')
      values[line.slice(0, at).trim()] = line.slice(at + 1).trim()
    }
  }
  return values
}
