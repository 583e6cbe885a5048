import { createHash } from 'node:crypto'

// LiveKit's TURN server accepts long-term credentials it derives from its API key and secret
// (pkg/service/turn.go): username = base62("<key>|<participant id>|<expiry>"), password =
// base62(sha256("<secret>|<participant id>|<expiry>")), base62 being github.com/jxskiss/base62's
// variable-width encoding. Browsers get them in the join answer; a plain TURN client such as
// coturn's turnutils_uclient needs them computed.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * Reads 6 bits at a time from the end of the input; a value whose bits 1-4 are all set can't be
 * one of the 62 symbols, so it is written as its low 5 bits and only 5 bits are consumed.
 */
function base62(bytes: Uint8Array): string {
  let out = ''
  let bitsLeft = bytes.length * 8
  while (bitsLeft > 0) {
    const inLast = bitsLeft % 8 || 8
    const index = Math.ceil(bitsLeft / 8) - 1
    let value = bytes[index] >> (8 - inLast)
    if (inLast < 6 && index > 0) value |= bytes[index - 1] << inLast
    value &= 0x3f
    let width = 6
    if ((value & 0x1e) === 0x1e) {
      if (bitsLeft > 6 || value > 0x1f) width = 5
      value &= 0x1f
    }
    out += ALPHABET[value]
    bitsLeft -= width
  }
  return out
}

export function livekitTurnCredentials(key: string, secret: string, participantId = 'PA_turn_probe', ttlSeconds = 600) {
  const expiry = Math.floor(Date.now() / 1000) + ttlSeconds
  return {
    username: base62(Buffer.from(`${key}|${participantId}|${expiry}`)),
    password: base62(createHash('sha256').update(`${secret}|${participantId}|${expiry}`).digest()),
  }
}
