import type { BaseKeyProvider, KeyInfo, KeyProviderCallbacks, KeyProviderEvent, KeyProviderOptions } from 'livekit-client'

// livekit-client is one module to the bundler: its ExternalE2EEKeyProvider (with its base class and key
// helpers) would sit in the room page's first load. This one is loaded only with encryption.ts.

/** ExternalE2EEKeyProvider's options, which the E2EE worker gets: one shared key, never ratcheted. */
const options: KeyProviderOptions = {
  sharedKey: true,
  ratchetSalt: 'LKFrameEncryptionKey',
  // A frame that fails to decrypt (someone with another key) must not mark the shared key invalid.
  ratchetWindowSize: 0,
  failureTolerance: -1,
  keyringSize: 16,
  keySize: 128,
}

type Listener = (...args: never[]) => void
// The SDK's event name typed as its enum member: importing the enum itself would add an export to the first load.
const setKeyEvent = 'setKey' as KeyProviderEvent.SetKey

/**
 * livekit-client's ExternalE2EEKeyProvider for a passphrase, with what its E2EEManager calls: `getOptions`,
 * `getKeys`, `getLatestManuallySetKeyIndex`, `on` and `emit`.
 */
export class SharedKeyProvider implements Pick<BaseKeyProvider, 'getOptions' | 'getKeys' | 'getLatestManuallySetKeyIndex'> {
  #keys: KeyInfo[] = []
  #listeners = new Map<KeyProviderEvent, Listener[]>()

  /**
   * PBKDF2 key material from the passphrase, as the SDK's createKeyMaterialFromString makes it: the
   * worker derives the AES-GCM key from it (same salt and iterations for everyone holding the link).
   */
  async setKey(passphrase: string) {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), { name: 'PBKDF2' }, false, ['deriveBits', 'deriveKey'])
    const keyInfo: KeyInfo = { key, participantIdentity: undefined, keyIndex: undefined }
    this.#keys = [keyInfo]
    this.emit(setKeyEvent, keyInfo, false)
  }

  getOptions() {
    return options
  }

  getKeys() {
    return this.#keys
  }

  getLatestManuallySetKeyIndex() {
    return 0
  }

  on<E extends KeyProviderEvent>(event: E, listener: KeyProviderCallbacks[E]) {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener])
    return this
  }

  emit<E extends KeyProviderEvent>(event: E, ...args: Parameters<KeyProviderCallbacks[E]>) {
    const listeners = this.#listeners.get(event) ?? []
    for (const listener of listeners) Reflect.apply(listener, this, args)
    return listeners.length > 0
  }
}
