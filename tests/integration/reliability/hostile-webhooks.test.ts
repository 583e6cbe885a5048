import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { useServices } from '../../support/services.ts'
import { signWebhook } from '../../../native/webhooks.ts'
import { nasty, startHostileTarget, type HostileTarget } from '../../support/hostile.ts'

let target: HostileTarget
let accepted = 0
beforeAll(async () => {
  target = await startHostileTarget(useServices())
})
afterAll(async () => {
  await target?.recordFigure('hostile-webhooks', {
    scenario:
      'webhooks signed with the right key whose body is any JSON or an event with hostile fields (ids, names, times out of range, NUL bytes, missing participant)',
    checked: 'never a 5xx; an event that cannot be applied or stored is a 400 naming why, with nothing stored',
    notes: `signed events accepted (valid enough to store): ${accepted}`,
  })
  await target?.runtime.stop()
})

const signed = async (payload: string) =>
  target.send('POST', '/webhooks/livekit', {
    body: payload,
    headers: { 'content-type': 'application/webhook+json', authorization: await signWebhook(payload, useServices().livekitKey, useServices().livekitSecret) },
  })

describe('signed webhooks carrying anything', () => {
  test('any JSON or event shape: never a 5xx', async () => {
    const before = await target.counts()
    const participant = fc.record({ sid: nasty, identity: nasty, name: nasty, joinedAt: fc.oneof(fc.bigInt().map(String), nasty) }, { requiredKeys: [] })
    const fileResult = fc.record({ filename: nasty, size: fc.oneof(fc.bigInt().map(String), nasty), duration: fc.bigInt().map(String) }, { requiredKeys: [] })
    const event = fc.record(
      {
        event: fc.constantFrom(
          'participant_joined',
          'participant_left',
          'room_started',
          'room_finished',
          'egress_started',
          'egress_updated',
          'egress_ended',
          'track_published',
          'nonsense',
          '',
        ),
        id: fc.oneof(nasty, fc.uuid()),
        createdAt: fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String), fc.double()),
        room: fc.record({ name: fc.oneof(fc.constant('fuzz-room'), nasty) }, { requiredKeys: [] }),
        participant,
        egressInfo: fc.record(
          {
            egressId: nasty,
            roomName: fc.oneof(fc.constant('fuzz-room'), nasty),
            status: fc.constantFrom('EGRESS_COMPLETE', 'EGRESS_ACTIVE', 'nonsense', 3),
            fileResults: fc.array(fileResult, { maxLength: 2 }),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['event'] },
    )
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          event.map((e) => JSON.stringify(e)),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 100 }),
        ),
        async (payload) => {
          if ((await signed(payload))?.status === 200) accepted++
        },
      ),
      { numRuns: 300 },
    )
    const after = await target.counts()
    expect(target.bad).toEqual([])
    expect(after.analytics - before.analytics).toBeLessThanOrEqual(accepted)
    expect(after.meetings).toBe(before.meetings)
  }, 120_000)

  test('an event missing what it needs, or with values PostgreSQL cannot store, is a 400 naming the problem', async () => {
    const before = await target.counts()
    const noParticipant = await signed(JSON.stringify({ event: 'participant_joined', id: 'EV_bad_1', createdAt: 1_800_000_000, room: { name: 'fuzz-room' } }))
    expect(noParticipant?.status).toBe(400)
    expect(JSON.parse(noParticipant!.text)).toMatchObject({ error: 'validation_failed', details: { field: 'participant' } })
    const farFuture = await signed(JSON.stringify({ event: 'room_started', id: 'EV_bad_2', createdAt: '9000000000000000000', room: { name: 'fuzz-room' } }))
    expect(farFuture?.status).toBe(400)
    expect(JSON.parse(farFuture!.text)).toEqual({
      error: 'bad_request',
      message: expect.stringMatching(/^A value in this request cannot be stored: timestamp out of range/),
    })
    const nul = await signed(
      JSON.stringify({
        event: 'participant_joined',
        id: 'EV_bad_3',
        createdAt: 1_800_000_000,
        room: { name: 'fuzz-room' },
        participant: { sid: 'PA_\u0000', identity: 'u_x', joinedAt: '1800000000' },
      }),
    )
    expect(nul?.status).toBe(400)
    expect(await target.counts()).toEqual(before)
  })

  test('the runtime logged no failure', () => {
    expect(target.failuresLogged()).toEqual([])
  })
})
