import { describe, expect, test } from 'vitest'
import { spawnRuntime } from '../../../native/runtime.ts'
import { freePort } from '../../../native/free-port.ts'

describe('configuration at start-up', () => {
  test('a bad environment exits non-zero before listening, naming every bad variable with an example', async () => {
    const port = await freePort()
    const runtime = await spawnRuntime(
      { PORT: String(port), HOST: '127.0.0.1', S3_BUCKET: 'Bad_Bucket', LIVEKIT_URL: 'not a url', NODE_ENV: 'production' },
      { waitReady: false },
    )
    expect(await runtime.exited).toBe(1)
    const output = runtime.output()
    for (const line of [
      'LIVEKIT_API_KEY is missing',
      'LIVEKIT_API_SECRET is missing',
      'LIVEKIT_URL is invalid (must be a URL)',
      'S3_ACCESS_KEY is missing',
      'S3_SECRET_KEY is missing',
      'S3_BUCKET is invalid (must be a valid bucket name)',
      'DATABASE_URL is missing (required in production)',
    ])
      expect(output).toContain(line)
    expect(output).toMatch(/Invalid configuration, 7 variable\(s\) to fix/)
    expect(output).toContain('Example: S3_BUCKET=livekit-recordings')
    expect(
      await fetch(`http://127.0.0.1:${port}/health/live`).then(
        () => 'answered',
        () => 'refused',
      ),
    ).toBe('refused')
  })
})
