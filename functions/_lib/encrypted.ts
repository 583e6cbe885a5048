import { apiError } from '#runtime'

/**
 * What the server cannot do for an end-to-end encrypted meeting: its key exists only in the
 * participants' browsers (the invite link's fragment), so Egress and the chat store would only ever
 * see ciphertext. Refused with a 409 that says why (`details.reason: 'encrypted'`).
 */
export const encryptedRecordingRefused = () =>
  apiError(
    409,
    'conflict',
    'This meeting is end-to-end encrypted: the recorder (LiveKit Egress) cannot decrypt its audio and video, so it cannot be recorded',
    { reason: 'encrypted' },
  )

export const encryptedChatRefused = () =>
  apiError(409, 'conflict', 'This meeting is end-to-end encrypted: its chat goes between participants, encrypted, and is not stored on the server', {
    reason: 'encrypted',
  })
