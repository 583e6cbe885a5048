import { defineHandler, readValidatedBody } from 'h3'
import * as v from 'valibot'
import { useLivekit, withTransaction, type MeetingSettingsAnswer } from '#runtime'
import { asHost, type ControlledMeeting } from '../../_lib/room/access.ts'
import { hashPasscode, passcodeSchema } from '../../_lib/room/passcode.ts'
import { livePermission } from '../../_lib/room/permissions.ts'
import { settingsJson } from '../../_lib/room/settings.ts'
import { signalRoom } from '../../_lib/room/signal.ts'
import { audit } from '../../_lib/audit.ts'

const flag = v.optional(v.boolean('must be true or false'))
const body = v.pipe(
  v.strictObject(
    { lobby: flag, locked: flag, chatEnabled: flag, onlyHostsUnmute: flag, passcode: v.optional(v.nullable(passcodeSchema)) },
    'must be an object with only lobby, locked, chatEnabled, onlyHostsUnmute and passcode',
  ),
  v.check((b) => Object.keys(b).length > 0, 'must change at least one setting'),
)

// Only what the body names changes; `passcode: null` removes the passcode.
export default defineHandler(async (event): Promise<MeetingSettingsAnswer> => {
  const { meeting, identity } = await asHost(event, 'change the meeting settings')
  const change = await readValidatedBody(event, body)
  const passcodeHash = change.passcode === undefined ? undefined : change.passcode === null ? null : await hashPasscode(change.passcode)
  const row = await withTransaction(async (db) => {
    const { rows } = await db.query<ControlledMeeting>(
      `update meetings set lobby = coalesce($2, lobby), locked = coalesce($3, locked), chat_enabled = coalesce($4, chat_enabled),
         hosts_only_unmute = coalesce($5, hosts_only_unmute), passcode_hash = case when $6 then $7 else passcode_hash end
       where id = $1 returning *`,
      [
        meeting.id,
        change.lobby ?? null,
        change.locked ?? null,
        change.chatEnabled ?? null,
        change.onlyHostsUnmute ?? null,
        passcodeHash !== undefined,
        passcodeHash ?? null,
      ],
    )
    const { passcode, ...rest } = change
    await audit(
      identity,
      'meeting.settings',
      meeting.room_name,
      { ...rest, ...(passcode === undefined ? {} : { passcode: passcode === null ? 'removed' : 'set' }) },
      db,
    )
    return rows[0]
  })
  if (change.onlyHostsUnmute !== undefined && change.onlyHostsUnmute !== meeting.hosts_only_unmute) await applyUnmuteRule(row)
  await signalRoom(row.room_name, 'meet.settings', settingsJson(row))
  return { settings: settingsJson(row) }
})

// Connected guests lose (or get back) their microphone at once; later tokens carry the same rule.
async function applyUnmuteRule(meeting: ControlledMeeting) {
  const rooms = useLivekit().rooms
  const people = await rooms.listParticipants(meeting.room_name).catch(() => [])
  await Promise.all(
    people
      .filter((p) => (p.attributes.role ?? 'guest') === 'guest')
      .map((p) => rooms.updateParticipant(meeting.room_name, p.identity, { permission: livePermission(meeting, 'guest') }).catch(() => undefined)),
  )
}
