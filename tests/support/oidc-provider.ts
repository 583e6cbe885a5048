import type { Server } from 'node:http'
import { once } from 'node:events'
import Provider from 'oidc-provider'

export interface TestProvider {
  issuer: string
  stop(): Promise<void>
}

/**
 * oidc-provider (the certified Node implementation) on loopback, with its own login and consent
 * pages (devInteractions: any login and password). The login is the account's email; a login
 * without an @ gets @example.com.
 */
export async function startOidcProvider({
  port,
  clientId,
  clientSecret,
  redirectUri,
}: {
  port: number
  clientId: string
  clientSecret: string
  redirectUri: string
}): Promise<TestProvider> {
  const issuer = `http://127.0.0.1:${port}`
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    async findAccount(_ctx, id) {
      const email = id.includes('@') ? id : `${id}@example.com`
      return { accountId: id, claims: () => ({ sub: id, email, email_verified: true, name: email.split('@')[0].replace(/^./, (c) => c.toUpperCase()) }) }
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The claims asked for by scope go into the ID token, as Keycloak and Google put them.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['test-provider-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  })
  const server: Server = provider.listen(port, '127.0.0.1')
  await once(server, 'listening')
  return { issuer, stop: async () => void server.close() }
}
