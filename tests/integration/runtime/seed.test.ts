import { describe, expect, test } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { useServices } from '../../support/services.ts'
import { runtimeEnv } from '../../../native/runtime.ts'
import { query } from '../../support/db.ts'

const run = promisify(execFile)

describe('seed script', () => {
  test('fills demo data, and running it again duplicates nothing', async () => {
    const env = await runtimeEnv(useServices())
    const seed = () => run(process.execPath, ['scripts/seed.ts'], { env: { PATH: process.env.PATH, ENV_FILE: '/dev/null', ...env } })
    expect((await seed()).stdout).toContain('Demo data: 2 meetings, 4 participants, 1 recordings')
    await seed()
    const [counts] = await query(
      env.DATABASE_URL,
      `select (select count(*) from meetings)::int as m, (select count(*) from participants)::int as p, (select count(*) from recordings)::int as r`,
    )
    expect(counts).toEqual({ m: 2, p: 4, r: 1 })
  })
})
