import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { loadConfig, ConfigError } from '../../../runtime/config/load.ts'

const valid = {
  LIVEKIT_API_KEY: 'devkey',
  LIVEKIT_API_SECRET: 'a-secret-that-is-long-enough-for-prod',
  LIVEKIT_URL: 'http://127.0.0.1:7880',
  S3_ACCESS_KEY: 'test',
  S3_SECRET_KEY: 'test',
  S3_BUCKET: 'livekit-recordings',
}
const required = Object.keys(valid) as (keyof typeof valid)[]

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env)
    return []
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as ConfigError).problems
  }
}

describe('configuration', () => {
  test('any subset of missing required variables is reported exactly, each named in the message', () => {
    fc.assert(
      fc.property(fc.subarray(required), (missing) => {
        const env = Object.fromEntries(Object.entries(valid).filter(([name]) => !missing.includes(name as never)))
        const problems = problemsOf(env)
        expect(problems.map((p) => p.name).sort()).toEqual([...missing].sort())
        if (missing.length) {
          const message = (() => {
            try {
              loadConfig(env)
            } catch (e) {
              return (e as Error).message
            }
          })()!
          for (const name of missing) expect(message).toMatch(new RegExp(`${name} is missing: .+ Example: ${name}=`))
        }
      }),
    )
  })

  test('invalid values are named with the reason, together with missing ones', () => {
    const problems = problemsOf({ ...valid, PORT: 'eighty', S3_BUCKET: 'Not A Bucket', LIVEKIT_URL: 'nope', LIVEKIT_API_KEY: '' })
    expect(problems).toEqual([
      { name: 'PORT', problem: 'is invalid (must be a whole number)' },
      { name: 'LIVEKIT_API_KEY', problem: 'is missing' },
      { name: 'LIVEKIT_URL', problem: 'is invalid (must be a URL)' },
      { name: 'S3_BUCKET', problem: 'is invalid (must be a valid bucket name)' },
    ])
  })

  test('any port outside 1-65535 or not a number is refused; any inside is accepted', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -100000, max: 200000 }).map(String), fc.string()), (port) => {
        const ok = /^\d+$/.test(port.trim()) && Number(port) >= 1 && Number(port) <= 65535
        expect(problemsOf({ ...valid, PORT: port }).some((p) => p.name === 'PORT')).toBe(!ok && port.trim() !== '')
      }),
    )
  })

  test('production needs DATABASE_URL and a long secret', () => {
    expect(problemsOf({ ...valid, NODE_ENV: 'production', LIVEKIT_API_SECRET: 'short-secret' }).map((p) => p.name)).toEqual([
      'DATABASE_URL',
      'LIVEKIT_API_SECRET',
    ])
  })

  test('proxy hops: 0 by default, a whole number up to 10; the old TRUST_PROXY stops the start and names its replacement', () => {
    expect(loadConfig(valid).TRUST_PROXY_HOPS).toBe(0)
    expect(loadConfig({ ...valid, TRUST_PROXY_HOPS: '1' }).TRUST_PROXY_HOPS).toBe(1)
    for (const hops of ['-1', '11', 'true', '1.5'])
      expect(
        problemsOf({ ...valid, TRUST_PROXY_HOPS: hops }).map((p) => p.name),
        hops,
      ).toEqual(['TRUST_PROXY_HOPS'])
    const [renamed] = problemsOf({ ...valid, TRUST_PROXY: 'true' })
    expect(renamed).toMatchObject({ name: 'TRUST_PROXY_HOPS', problem: expect.stringContaining('replaces TRUST_PROXY') })
  })

  test('defaults fill what is optional', () => {
    const config = loadConfig({ ...valid, CORS_ORIGINS: 'http://a.test, http://b.test', S3_FORCE_PATH_STYLE: 'FALSE' })
    expect(config).toMatchObject({ PORT: 3001, NODE_ENV: 'development', CORS_ORIGINS: ['http://a.test', 'http://b.test'], S3_FORCE_PATH_STYLE: false })
  })
})
