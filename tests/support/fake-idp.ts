import { createServer, type Server } from 'node:http'
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'

/**
 * An OpenID provider that signs whatever ID token a test asks for: the misbehaving provider
 * (wrong nonce, expired, another issuer) no certified implementation would be. Discovery, JWKS
 * and the token endpoint are real HTTP; RS256 with a key of its own.
 */
export interface FakeIdp {
  issuer: string
  /** the claims of the next ID token the token endpoint returns */
  nextClaims: (defaults: Record<string, unknown>) => Record<string, unknown>
  /** a key other than the published one signs the next token */
  signWithStrangerKey: boolean
  tokenRequests: URLSearchParams[]
  stop(): Promise<void>
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')

function jwt(claims: object, key: KeyObject, kid: string) {
  const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims)}`
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), key).toString('base64url')}`
}

export async function startFakeIdp({ clientId }: { clientId: string }): Promise<FakeIdp> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
  const kid = randomBytes(6).toString('hex')
  const idp: FakeIdp = {
    issuer: '',
    nextClaims: (defaults) => defaults,
    signWithStrangerKey: false,
    tokenRequests: [],
    stop: async () => void server.close(),
  }
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, idp.issuer)
    const json = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: idp.issuer,
        authorization_endpoint: `${idp.issuer}/authorize`,
        token_endpoint: `${idp.issuer}/token`,
        jwks_uri: `${idp.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      })
    }
    if (url.pathname === '/jwks') return json(200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] })
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = ''
      for await (const chunk of req) body += chunk
      idp.tokenRequests.push(new URLSearchParams(body))
      const now = Math.floor(Date.now() / 1000)
      const claims = idp.nextClaims({
        iss: idp.issuer,
        aud: clientId,
        sub: 'subject-1',
        iat: now,
        exp: now + 300,
        email: 'ada@example.com',
        email_verified: true,
        name: 'Ada',
      })
      return json(200, {
        access_token: randomBytes(16).toString('hex'),
        token_type: 'Bearer',
        expires_in: 300,
        id_token: jwt(claims, idp.signWithStrangerKey ? stranger : privateKey, kid),
      })
    }
    json(404, { error: 'not_found' })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  idp.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return idp
}
