import * as v from 'valibot'
import { useLivekit, useLogger } from '#runtime'

export const identitySchema = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'must be a participant identity'))

/**
 * Tells the people in the room about a changed role (the participant attribute `role` the site
 * reads). Best effort: the role itself lives in PostgreSQL and the next token carries it.
 */
export async function announceRole(roomName: string, identity: string, role: 'cohost' | 'guest'): Promise<void> {
  await useLivekit().rooms.updateParticipant(roomName, identity, { attributes: { role } }).catch((error: Error) => {
    if (!/not found|does not exist|not exist/i.test(error.message)) useLogger().warn(`Could not announce the ${role} role in ${roomName}: ${error.message}`)
  })
}
