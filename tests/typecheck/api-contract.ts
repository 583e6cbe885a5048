// Checked by `npm run typecheck`, never run. It proves that the API's shapes cannot drift apart:
// every handler answers exactly the type types/api.ts gives its route (an extra, missing or renamed
// field fails here), and a renamed field fails wherever it is written or read. Each
// `@ts-expect-error` below is a drift that must not compile: if it ever did, the directive itself
// would be the error.
import type * as Api from '../../types/api.ts'
import type healthGet from '../../functions/health/index.get.ts'
import type liveGet from '../../functions/health/live.get.ts'
import type readyGet from '../../functions/health/ready.get.ts'
import type meetingsGet from '../../functions/meetings/index.get.ts'
import type meetingsPost from '../../functions/meetings/index.post.ts'
import type meetingGet from '../../functions/meetings/[roomName]/index.get.ts'
import type meetingEnd from '../../functions/meetings/[roomName]/end.post.ts'
import type participantsGet from '../../functions/meetings/[roomName]/participants.get.ts'
import type statsGet from '../../functions/meetings/[roomName]/stats.get.ts'
import type recordingsGet from '../../functions/recordings/index.get.ts'
import type recordingGet from '../../functions/recordings/[id].get.ts'
import type recordingStart from '../../functions/recordings/start.post.ts'
import type recordingStop from '../../functions/recordings/stop.post.ts'
import type sessionGet from '../../functions/session/index.get.ts'
import type sessionPut from '../../functions/session/index.put.ts'
import type tokenGet from '../../functions/token/index.get.ts'
import type tokenPost from '../../functions/token/index.post.ts'
import type webhook from '../../functions/webhooks/livekit.post.ts'
import type authMe from '../../functions/auth/me.get.ts'
import type authPassword from '../../functions/auth/password.post.ts'
import type authLogout from '../../functions/auth/logout.post.ts'
import type authInvite from '../../functions/auth/invite.post.ts'
import type membersGet from '../../functions/members/index.get.ts'
import type membersPost from '../../functions/members/index.post.ts'
import type memberPatch from '../../functions/members/[id].patch.ts'
import type cohostPut from '../../functions/meetings/[roomName]/cohosts/[identity].put.ts'
import type cohostDelete from '../../functions/meetings/[roomName]/cohosts/[identity].delete.ts'
import type sharingPut from '../../functions/recordings/[id]/sharing.put.ts'
import type { statusView } from '../../site/src/lib/health.ts'

type Answer<Handler extends (...args: never[]) => unknown> = Awaited<ReturnType<Handler>>
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const same = <A, B>(proof: Same<A, B>) => proof

// Every route the site or a client reads: the handler's answer is the contract's type, exactly.
export const routes = [
  same<Answer<typeof healthGet>, Api.HealthAnswer>(true),
  same<Answer<typeof liveGet>, Api.Liveness>(true),
  same<Answer<typeof readyGet>, Api.Readiness>(true),
  same<Answer<typeof meetingsGet>, Api.MeetingList>(true),
  same<Answer<typeof meetingsPost>, Api.MeetingAnswer>(true),
  same<Answer<typeof meetingGet>, Api.MeetingAnswer>(true),
  same<Answer<typeof meetingEnd>, Api.MeetingAnswer>(true),
  same<Answer<typeof participantsGet>, Api.Participants>(true),
  same<Answer<typeof statsGet>, Api.MeetingStats>(true),
  same<Answer<typeof recordingsGet>, Api.RecordingList>(true),
  same<Answer<typeof recordingGet>, Api.RecordingDownload>(true),
  same<Answer<typeof recordingStart>, Api.RecordingAnswer>(true),
  same<Answer<typeof recordingStop>, Api.RecordingAnswer>(true),
  same<Answer<typeof sessionGet>, Api.Visitor>(true),
  same<Answer<typeof sessionPut>, Api.Visitor>(true),
  same<Answer<typeof tokenGet>, Api.ConnectionDetails>(true),
  same<Answer<typeof tokenPost>, Api.ConnectionDetails>(true),
  same<Answer<typeof webhook>, Api.WebhookAnswer>(true),
  same<Answer<typeof authMe>, Api.Me>(true),
  same<Answer<typeof authPassword>, Api.SignedIn>(true),
  same<Answer<typeof authLogout>, Api.SignedOut>(true),
  same<Answer<typeof authInvite>, Api.SignedIn>(true),
  same<Answer<typeof membersGet>, Api.PeopleList>(true),
  same<Answer<typeof membersPost>, Api.Invitation>(true),
  same<Answer<typeof memberPatch>, Api.PersonAnswer>(true),
  same<Answer<typeof cohostPut>, Api.CohostAnswer>(true),
  same<Answer<typeof cohostDelete>, Api.CohostAnswer>(true),
  same<Answer<typeof sharingPut>, Api.RecordingAnswer>(true),
]

// The same check fails for a shape with one field renamed, so a renamed field cannot pass unnoticed.
// @ts-expect-error `reason` is not the contract's `message`
same<Api.HealthCheck, { status: 'ok' | 'down'; latencyMs: number; essential: boolean; reason?: string }>(true)
// @ts-expect-error `host` is not the contract's `isHost`
same<Api.Meeting, { id: string; roomName: string; createdAt: string; endedAt: string | null; host: boolean }>(true)

// Writing: a function that answers with a renamed field does not compile.
export const written: Api.HealthCheck[] = [
  { status: 'down', latencyMs: 2, essential: false, message: 'Not reachable' },
  // @ts-expect-error the answer must say `message`
  { status: 'down', latencyMs: 2, essential: false, reason: 'Not reachable' },
]

// Reading: the status page reads the report through statusView (site/src/lib/health.ts); reading a
// field the API never sends does not compile, which is how the page once missed every reason.
declare const check: Api.HealthCheck
declare const summary: Api.HealthSummary
declare const view: ReturnType<typeof statusView>
export const read = [
  check.message,
  view.checks[0]?.message,
  // @ts-expect-error the API sends `message`, not `error`
  check.error,
  // @ts-expect-error an outsider's summary carries no checks
  summary.checks,
]
