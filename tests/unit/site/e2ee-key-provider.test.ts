import { describe, expect, test } from 'vitest'
import { ExternalE2EEKeyProvider, KeyProviderEvent, deriveKeys, ratchet, type KeyInfo } from 'livekit-client'
import { newMeetingKey } from '../../../site/src/scripts/e2ee/fragment.ts'
import { SharedKeyProvider } from '../../../site/src/scripts/e2ee/key-provider.ts'

// The site's key provider stands in for livekit-client's ExternalE2EEKeyProvider (kept out of the room
// page's first load): for the same meeting key it must give the E2EE worker the same options and key
// material, or people joining with the same link could not read each other.
async function both(passphrase: string) {
  const ours = new SharedKeyProvider()
  const sdk = new ExternalE2EEKeyProvider()
  const set = { ours: [] as unknown[][], sdk: [] as unknown[][] }
  ours.on(KeyProviderEvent.SetKey, (...args) => set.ours.push(args))
  sdk.on(KeyProviderEvent.SetKey, (...args) => set.sdk.push(args))
  await Promise.all([ours.setKey(passphrase), sdk.setKey(passphrase)])
  return { ours, sdk, set }
}

const onlyKey = (provider: { getKeys(): KeyInfo[] }) => {
  const keys = provider.getKeys()
  expect(keys).toHaveLength(1)
  return keys[0]!.key
}

describe("the meeting's key provider", () => {
  test("gives the worker the SDK's options: one shared key, never ratcheted on a failed frame", async () => {
    const { ours, sdk } = await both(newMeetingKey())
    expect(ours.getOptions()).toEqual(sdk.getOptions())
    expect(ours.getLatestManuallySetKeyIndex()).toBe(sdk.getLatestManuallySetKeyIndex())
  })

  test('derives the same key material as the SDK from the same meeting key, and the frame keys interoperate', async () => {
    for (const passphrase of [newMeetingKey(), newMeetingKey(), 'a'.repeat(128)]) {
      const { ours, sdk, set } = await both(passphrase)
      const [ourMaterial, sdkMaterial] = [onlyKey(ours), onlyKey(sdk)]
      expect(ourMaterial.algorithm).toEqual(sdkMaterial.algorithm)
      expect(ourMaterial.usages.toSorted()).toEqual(sdkMaterial.usages.toSorted())
      // The same bits out of PBKDF2 with the worker's salt: the same material.
      const salt = ours.getOptions().ratchetSalt
      expect(new Uint8Array(await ratchet(ourMaterial, salt))).toEqual(new Uint8Array(await ratchet(sdkMaterial, salt)))
      // And the AES-GCM key the worker derives from each reads what the other's encrypts.
      const [ourKeys, sdkKeys] = await Promise.all([deriveKeys(ourMaterial, ours.getOptions()), deriveKeys(sdkMaterial, sdk.getOptions())])
      const iv = crypto.getRandomValues(new Uint8Array(12))
      const frame = new TextEncoder().encode('a video frame')
      const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, sdkKeys.encryptionKey, frame)
      expect(new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, ourKeys.encryptionKey, sealed))).toEqual(frame)
      // Setting the key tells the listeners as the SDK does (a key without index: not "update the current index").
      expect(set.ours).toHaveLength(1)
      expect(set.ours[0]).toEqual([{ key: ourMaterial, participantIdentity: undefined, keyIndex: undefined }, false])
      expect(set.sdk[0]).toEqual([{ key: sdkMaterial, participantIdentity: undefined, keyIndex: undefined }, false])
    }
  })

  test("another meeting key gives a key that cannot read the first one's frames", async () => {
    const [first, other] = await Promise.all([both(newMeetingKey()), both(newMeetingKey())])
    const [firstKeys, otherKeys] = await Promise.all([
      deriveKeys(onlyKey(first.sdk), first.sdk.getOptions()),
      deriveKeys(onlyKey(other.ours), other.ours.getOptions()),
    ])
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, firstKeys.encryptionKey, new TextEncoder().encode('a video frame'))
    await expect(crypto.subtle.decrypt({ name: 'AES-GCM', iv }, otherKeys.encryptionKey, sealed)).rejects.toThrow()
  })

  test('a new key replaces the old one, and every listener of an event hears it', async () => {
    const ours = new SharedKeyProvider()
    const heard: string[] = []
    ours.on(KeyProviderEvent.SetKey, () => heard.push('first')).on(KeyProviderEvent.SetKey, () => heard.push('second'))
    await ours.setKey(newMeetingKey())
    const before = onlyKey(ours)
    await ours.setKey(newMeetingKey())
    expect(onlyKey(ours)).not.toBe(before)
    expect(heard).toEqual(['first', 'second', 'first', 'second'])
    expect(ours.emit(KeyProviderEvent.RatchetRequest)).toBe(false)
  })
})
