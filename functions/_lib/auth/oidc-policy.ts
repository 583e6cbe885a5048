import type { IDToken } from 'openid-client'
import type { Config } from '#runtime'

export type PolicyRefusal = 'no_email' | 'email_unverified' | 'domain' | 'group'

export interface Verdict {
  email: string
  name: string
  admin: boolean
}

const listOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : typeof value === 'string' ? [value] : []

/** Who may sign in through the provider, and who becomes an admin, from the ID token's claims. */
export function applyPolicy(claims: IDToken, config: Config): Verdict | { refused: PolicyRefusal } {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : ''
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return { refused: 'no_email' }
  // Providers that say nothing about verification (some Entra set-ups) are taken at their word.
  if (claims.email_verified === false) return { refused: 'email_unverified' }
  const domain = email.split('@')[1]
  if (config.OIDC_ALLOWED_DOMAINS.length && !config.OIDC_ALLOWED_DOMAINS.some((d) => d.toLowerCase() === domain)) return { refused: 'domain' }
  const groups = listOf(claims[config.OIDC_GROUPS_CLAIM])
  if (config.OIDC_ALLOWED_GROUPS.length && !groups.some((g) => config.OIDC_ALLOWED_GROUPS.includes(g))) return { refused: 'group' }
  const admin = config.OIDC_ADMIN_EMAILS.some((e) => e.toLowerCase() === email) || groups.some((g) => config.OIDC_ADMIN_GROUPS.includes(g))
  const name = [claims.name, claims.preferred_username, email.split('@')[0]]
    .find((x): x is string => typeof x === 'string' && x.trim().length > 0)!
    .trim()
    .slice(0, 128)
  return { email, name, admin }
}
