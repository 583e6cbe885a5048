// Same rule as the API (docs/api.md): 3–64 of a-z 0-9 -, starting and ending with a letter or digit.
const roomNamePattern = /^[a-z0-9](?:[a-z0-9-]{1,62})[a-z0-9]$/

export const isRoomName = (name: string) => roomNamePattern.test(name)

/** A meeting name from what a person typed: the name itself or an invite link to it. */
export function roomNameFromInput(input: string): string | undefined {
  const text = input.trim()
  const fromLink = /\/rooms\/([^/?#\s]+)/.exec(text)?.[1]
  const name = (fromLink ?? text).toLowerCase()
  return isRoomName(name) ? name : undefined
}
