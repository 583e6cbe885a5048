import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, test } from 'vitest'
import { renderDeployEnv } from '../../../cdktf/cloud-init/deploy-env.ts'
import { publicPorts } from '../../../cdktf/deployment/ports.ts'
import { publishedPorts, requiredVariables } from './support/compose.ts'
import { inputsWith } from './support/inputs.ts'
import { repoRoot } from './support/synth.ts'

// The repository's stack files, as the instance runs them, must agree with what the network opens.
const compose = readFileSync(join(repoRoot, 'compose.yaml'), 'utf8')
const livekit = parse(readFileSync(join(repoRoot, 'livekit.yaml'), 'utf8')) as { rtc?: Record<string, number>; turn?: { enabled?: boolean; udp_port?: number } }

// The .env on the instance: deploy settings plus what meet-env adds (values are stand-ins).
const instanceEnv: Record<string, string> = {
  ...Object.fromEntries(
    renderDeployEnv(inputsWith())
      .trim()
      .split('\n')
      .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
  ),
  POSTGRES_PASSWORD: 'secret',
  LIVEKIT_API_KEY: 'APIkey',
  LIVEKIT_API_SECRET: 'secret',
  S3_ENDPOINT: 'https://ns.compat.objectstorage.eu-frankfurt-1.oraclecloud.com',
  S3_ACCESS_KEY: 'key',
  S3_SECRET_KEY: 'secret',
  PUBLIC_IP: '198.51.100.23',
  LIVEKIT_NODE_IP: '198.51.100.23',
}

const opens = (protocol: string, published: string) => {
  const [first, last = first] = published.split('-').map(Number)
  return publicPorts.some((port) => port.protocol === protocol && first >= port.min && last <= port.max)
}
const loopback = (hostIp: string) => hostIp === '127.0.0.1' || hostIp === '::1' || hostIp === '[::1]'

describe('compose.yaml and livekit.yaml agree with the deployment', () => {
  test('every variable compose.yaml needs without a default is in the instance .env', () => {
    expect(requiredVariables(compose).filter((name) => !(name in instanceEnv))).toEqual([])
  })

  test('with the production profile, every port published beyond loopback is one the security list opens', () => {
    const exposed = publishedPorts(compose, instanceEnv, 'production').filter((port) => !loopback(port.hostIp))
    expect(exposed.filter((port) => !opens(port.protocol, port.published))).toEqual([])
  })

  test('PostgreSQL and Redis publish nothing beyond loopback', () => {
    const exposed = publishedPorts(compose, instanceEnv, 'production').filter((port) => !loopback(port.hostIp))
    expect(exposed.filter((port) => /postgres|redis/.test(port.service))).toEqual([])
  })

  test("LiveKit's TCP, TURN and media ports are the ones opened", () => {
    const rtc = livekit.rtc ?? {}
    if (rtc.tcp_port !== undefined) expect(opens('tcp', String(rtc.tcp_port))).toBe(true)
    expect(opens('udp', `${rtc.port_range_start}-${rtc.port_range_end}`)).toBe(true)
    if (livekit.turn?.enabled && livekit.turn.udp_port) expect(livekit.turn.udp_port).toBe(3478)
  })
})
