import { describe, expect, test } from 'vitest'
import { STATIC_DIRECTIVES, deploymentDirectives } from '../../../site/src/lib/page-security.ts'

describe('the CSP directives naming the deployment', () => {
  test('LiveKit behind Caddy (wss) is allowed as WebSocket and for its HTTPS validate call; the bucket for media', () => {
    expect(
      deploymentDirectives({ livekitUrl: 'wss://meet.example.com', downloadUrl: 'https://ns.compat.objectstorage.eu-frankfurt-1.oraclecloud.com' }),
    ).toEqual([
      "connect-src 'self' wss://meet.example.com https://meet.example.com",
      "media-src 'self' https://ns.compat.objectstorage.eu-frankfurt-1.oraclecloud.com",
    ])
  })

  test('local LiveKit over ws or http, with its port; only the origin of each URL counts', () => {
    expect(deploymentDirectives({ livekitUrl: 'http://localhost:7880/some/path', downloadUrl: 'http://localhost:4566/bucket?x=1' })).toEqual([
      "connect-src 'self' ws://localhost:7880 http://localhost:7880",
      "media-src 'self' http://localhost:4566",
    ])
  })

  test('unset or unusable values allow the page’s own origin only, never a wildcard or another scheme', () => {
    for (const origins of [
      {},
      { livekitUrl: '', downloadUrl: '' },
      { livekitUrl: 'not a url', downloadUrl: 'javascript:alert(1)' },
      { livekitUrl: 'data:text/plain,x', downloadUrl: 'wss://objects.example' },
    ]) {
      expect(deploymentDirectives(origins)).toEqual(["connect-src 'self'", "media-src 'self'"])
    }
  })

  test('the fixed part locks plugins, base URLs, form targets and framing', () => {
    expect(STATIC_DIRECTIVES).toEqual(
      expect.arrayContaining(["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"]),
    )
  })
})
