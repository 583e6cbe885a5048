import { RoomEvent, type BaseKeyProvider, type E2EEOptions, type Participant } from 'livekit-client'
// Vite builds livekit-client's worker into a file of the site (worker-src 'self'): nothing comes from a CDN.
import E2EEWorker from 'livekit-client/e2ee-worker?worker'
import { t } from '../../i18n/client.ts'
import { byId } from '../dom.ts'
import { canEncryptMedia, keyFromFragment } from './fragment.ts'
import { SharedKeyProvider } from './key-provider.ts'
import type { RoomContext } from '../room/context.ts'

/**
 * End-to-end encryption of an encrypted meeting, loaded only when the meeting is one (join.ts imports
 * it dynamically). The key comes from the link's fragment; livekit-client's worker derives the AES-GCM
 * key from it with PBKDF2 (key-provider.ts). With `encryption` (not the older `e2ee`) the SDK encrypts data
 * packets too, which carries the chat (encrypted-chat.ts).
 */
export async function encryptionFor(fragment: string): Promise<E2EEOptions> {
  const key = keyFromFragment(fragment)
  if (!key) throw new Error(t('media.e2ee.missingKey'))
  if (!canEncryptMedia()) throw new Error(t('media.e2ee.unsupported'))
  const keyProvider = new SharedKeyProvider()
  await keyProvider.setKey(key)
  // The SDK types the option as its own class; E2EEManager uses only what SharedKeyProvider has.
  return { keyProvider: keyProvider as unknown as BaseKeyProvider, worker: new E2EEWorker() }
}

/**
 * What people see of the encryption: the badge, and a clear message instead of broken video when
 * frames cannot be decrypted. When nobody's media decrypts, this browser holds the wrong key (the
 * room-wide message); when only some people's fails, they joined with another key (said on their tiles).
 */
export function startEncryptionUi({ room }: RoomContext) {
  byId('e2ee-badge').hidden = false
  const grid = byId('grid')
  const failing = new Set<string>()
  const mark = () => {
    const others = [...room.remoteParticipants.values()].filter((p) => p.trackPublications.size > 0)
    const ownKeyIsWrong = others.length > 0 && others.every((p) => failing.has(p.identity))
    byId('e2ee-wrong-key').hidden = !ownKeyIsWrong
    // With a wrong key of one's own, the others did not "join with a different key": just say it cannot be read.
    const note = t(ownKeyIsWrong ? 'media.e2ee.cannotDecrypt' : 'media.e2ee.peerWrongKey')
    for (const tile of grid.querySelectorAll<HTMLElement>('.tile')) {
      const bad = tile.dataset.local !== 'true' && failing.has(tile.dataset.identity ?? '')
      if (bad) tile.dataset.undecryptable = note
      else delete tile.dataset.undecryptable
    }
  }
  room.on(RoomEvent.EncryptionError, (_error: Error, participant?: Participant) => {
    if (!participant || participant.isLocal || failing.has(participant.identity)) return
    failing.add(participant.identity)
    mark()
  })
  room.on(RoomEvent.ParticipantDisconnected, (participant) => {
    failing.delete(participant.identity)
    mark()
  })
  // Tiles come and go with the grid: keep their mark.
  new MutationObserver(() => failing.size > 0 && mark()).observe(grid, { childList: true, subtree: true, attributeFilter: ['data-identity'] })
}
