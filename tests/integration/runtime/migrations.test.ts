import { describe, expect, test } from 'vitest'
import { cp, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { useServices } from '../../support/services.ts'
import { createDatabase, startRuntime } from '../../../native/runtime.ts'
import { migrate, MigrationError } from '../../../runtime/db/migrate.ts'

const tables = async (url: string) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const { rows } = await client.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'public' order by 1`)
  const versions = await client.query('select version from schema_migrations where version > 0').then(
    (r) => r.rows.map((x) => Number(x.version)),
    () => [],
  )
  await client.end()
  return { tables: rows.map((r) => r.table_name), versions }
}

describe('migrations', () => {
  test('run before the first request, once, and a restart finds the schema up to date', async () => {
    const first = await startRuntime(useServices())
    const after = await tables(first.databaseUrl)
    expect(after.tables).toEqual(
      expect.arrayContaining([
        'meetings',
        'participants',
        'recordings',
        'analytics',
        'whiteboard_states',
        'audit_log',
        'members',
        'member_identities',
        'meeting_cohosts',
        'admissions',
        'chat_messages',
      ]),
    )
    expect(after.versions.sort()).toEqual([1, 2, 3, 4, 5])
    expect(first.output()).toMatch(/Applied migrations: initial-schema, recording-rules, accounts, meeting-controls, encrypted-meetings/)
    await first.stop()

    const second = await startRuntime(useServices(), { DATABASE_URL: first.databaseUrl })
    expect(second.output()).toContain('Database schema is up to date')
    expect((await tables(first.databaseUrl)).versions.sort()).toEqual([1, 2, 3, 4, 5])
    await second.stop()
  })

  test('a failing migration names itself and leaves the schema as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'meet-migrations-'))
    await cp('runtime/migrations', dir, { recursive: true })
    await writeFile(join(dir, '099.do.broken.sql'), 'create table half_done (id int);\nselect * from no_such_table;\n')
    const url = await createDatabase(useServices().databaseUrl)
    const pool = new pg.Pool({ connectionString: url })
    const error = await migrate(pool, join(dir, '*.sql')).catch((e) => e)
    expect(error).toBeInstanceOf(MigrationError)
    expect(error.message).toMatch(/^Migration 099\.do\.broken\.sql failed: relation "no_such_table" does not exist/)
    await pool.end()
    expect(await tables(url)).toEqual({ tables: [], versions: [] })
  })

  test('the accounts migration keeps existing meetings and recordings: no owner, not shared, still hosted by their creator', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'meet-migrations-'))
    await cp('runtime/migrations/001.do.initial-schema.sql', join(dir, '001.do.initial-schema.sql'))
    await cp('runtime/migrations/002.do.recording-rules.sql', join(dir, '002.do.recording-rules.sql'))
    const url = await createDatabase(useServices().databaseUrl)
    const pool = new pg.Pool({ connectionString: url })
    await migrate(pool, join(dir, '*.sql'))
    const { rows } = await pool.query(`insert into meetings (room_name, host_identity) values ('old-room', 'u_creator') returning id`)
    await pool.query(`insert into recordings (meeting_id, egress_id, storage_path, status) values ($1, 'EG_old', 'recordings/old.mp4', 'complete')`, [
      rows[0].id,
    ])
    expect(await migrate(pool)).toEqual(['accounts', 'meeting-controls', 'encrypted-meetings'])
    expect((await pool.query('select room_name, host_identity, owner_member_id from meetings')).rows).toEqual([
      { room_name: 'old-room', host_identity: 'u_creator', owner_member_id: null },
    ])
    // Meeting controls start as today's behaviour: no lobby, no lock, no passcode, chat on.
    expect((await pool.query('select lobby, locked, passcode_hash, chat_enabled, hosts_only_unmute from meetings')).rows).toEqual([
      { lobby: false, locked: false, passcode_hash: null, chat_enabled: true, hosts_only_unmute: false },
    ])
    expect((await pool.query('select egress_id, shared from recordings')).rows).toEqual([{ egress_id: 'EG_old', shared: false }])
    // Existing meetings stay unencrypted: they were, and their recordings remain possible.
    expect((await pool.query('select encrypted from meetings')).rows).toEqual([{ encrypted: false }])
    await pool.end()
  })

  test('the runtime refuses to start on a failed migration, with the migration named', async () => {
    // The same failure through the real entry point: exit code 1 before listening.
    const url = await createDatabase(useServices().databaseUrl)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    // A table in the way of the first migration makes it fail.
    await client.query('create table meetings (id int)')
    await client.end()
    const failed = await startRuntime(useServices(), { DATABASE_URL: url }).catch((e: Error) => e)
    expect(failed).toBeInstanceOf(Error)
    expect((failed as Error).message).toMatch(/Migration 001\.do\.initial-schema\.sql failed: relation "meetings" already exists/)
    expect((await tables(url)).tables).toEqual(['meetings'])
  })
})
