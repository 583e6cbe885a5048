import { canEncryptMedia, newMeetingKey } from '../e2ee/fragment.ts'

/**
 * The home page's two forms and a meeting key. Starting an encrypted meeting posts to `/new#key=…`:
 * the fragment is not sent, and the browser carries it over to the 303's Location (which has none),
 * so the creator lands on `/rooms/name#key=…`. Joining by a pasted link that holds a key goes there
 * directly, so the key is never put in /join's query string.
 */
const start = document.querySelector<HTMLFormElement>('form[action="/new"]')
const option = document.getElementById('encrypted-option')
const checkbox = document.querySelector<HTMLInputElement>('#encrypted')
if (start && option && checkbox && canEncryptMedia()) {
  option.hidden = false
  start.addEventListener('submit', () => {
    start.action = checkbox.checked ? `/new#key=${newMeetingKey()}` : '/new'
  })
}

const join = document.querySelector<HTMLFormElement>('form[action="/join"]')
join?.addEventListener('submit', (event) => {
  const input = join.querySelector<HTMLInputElement>('input[name="room"]')
  const value = input?.value.trim() ?? ''
  const hash = value.indexOf('#')
  if (hash < 0) return
  try {
    const url = new URL(value.slice(0, hash), location.origin)
    const room = url.pathname.match(/^\/rooms\/([a-z0-9-]+)\/?$/i)?.[1]
    // Whatever follows '#' stays in this browser, even when the rest is not a meeting link.
    if (!room) return void (input!.value = value.slice(0, hash))
    event.preventDefault()
    location.assign(`/rooms/${room.toLowerCase()}${value.slice(hash)}`)
  } catch {
    input!.value = value.slice(0, hash)
  }
})
