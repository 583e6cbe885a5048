import { TrackSource, type ParticipantPermission } from 'livekit-server-sdk'
import { isLivekitNotFound, useLivekit, useLogger } from '#runtime'
import type { ControlledMeeting } from './access.ts'

export type LiveRole = 'host' | 'cohost' | 'guest'

const ALL_SOURCES = [TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO]

/**
 * What a participant may publish. With "only hosts can unmute" a guest's microphone is not among
 * their sources: LiveKit refuses to publish it (and unpublishes a published one) whatever the page does.
 */
export function publishSources(meeting: Pick<ControlledMeeting, 'hosts_only_unmute'>, role: LiveRole): TrackSource[] {
  return role === 'guest' && meeting.hosts_only_unmute ? ALL_SOURCES.filter((s) => s !== TrackSource.MICROPHONE) : ALL_SOURCES
}

export function livePermission(meeting: Pick<ControlledMeeting, 'hosts_only_unmute'>, role: LiveRole): Partial<ParticipantPermission> {
  return { canSubscribe: true, canPublish: true, canPublishData: true, canUpdateMetadata: false, canPublishSources: publishSources(meeting, role) }
}

/**
 * Changes a connected participant's role in place (attributes the room shows, and what LiveKit
 * lets them publish), with no rejoin. The co-host endpoints call this (announceRole) after storing
 * the role; a participant who is not connected gets the role with their next token instead.
 */
export async function applyRoleLive(meeting: ControlledMeeting, identity: string, role: LiveRole): Promise<boolean> {
  return useLivekit()
    .rooms.updateParticipant(meeting.room_name, identity, {
      attributes: { role },
      metadata: JSON.stringify({ role }),
      permission: livePermission(meeting, role),
    })
    .then(
      () => true,
      (error: Error) => {
        if (!isLivekitNotFound(error)) useLogger().warn(`Could not apply the ${role} role in ${meeting.room_name}: ${error.message}`)
        return false
      },
    )
}
