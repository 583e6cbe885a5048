/**
 * The meeting key of an end-to-end encrypted meeting travels only in the link's fragment
 * (`/rooms/name#key=…`): browsers never send a fragment to a server, so neither the site, the
 * runtime nor any proxy log sees it. Nothing here imports livekit-client.
 */
const KEY_PATTERN = /^[A-Za-z0-9_-]{32,128}$/

/** The key in a fragment such as `#key=…`, or undefined when there is none (or it is malformed). */
export function keyFromFragment(fragment: string): string | undefined {
  const key = new URLSearchParams(fragment.replace(/^#/, '')).get('key') ?? ''
  return KEY_PATTERN.test(key) ? key : undefined
}

/** A fresh key: 32 random bytes, base64url (43 characters). */
export function newMeetingKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
}

/** Whether this browser can encrypt WebRTC media (the check livekit-client's isE2EESupported makes). */
export const canEncryptMedia = () =>
  typeof window !== 'undefined' &&
  typeof Worker !== 'undefined' &&
  Boolean(crypto?.subtle) &&
  ('RTCRtpScriptTransform' in window || (typeof RTCRtpSender !== 'undefined' && 'createEncodedStreams' in RTCRtpSender.prototype))
