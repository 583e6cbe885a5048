import type { Room } from 'livekit-client'

/** What every room module needs: the connected LiveKit room and who we are in it. */
export interface RoomContext {
  room: Room
  roomName: string
  isHost: boolean
  /** owner (created it), host (an admin), cohost (trusted by the owner) or guest */
  role: 'owner' | 'host' | 'cohost' | 'guest'
  /** end-to-end encrypted: media and chat go between browsers only (encryption.ts, encrypted-chat.ts) */
  encrypted: boolean
}
