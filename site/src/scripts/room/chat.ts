import { byId } from '../dom.ts'
import type { RoomContext } from './context.ts'
import { toast } from './toast.ts'

// LiveKit's chat topic, so people joining from LiveKit Meet or other LiveKit apps see the same messages.
const topic = 'lk.chat'

/** Text chat over LiveKit text streams; returns what the panel calls when chat is opened. */
export function startChat({ room }: RoomContext, isVisible: () => boolean) {
  const list = byId('chat-messages')
  const input = byId<HTMLInputElement>('chat-input')
  const unread = byId('chat-unread')
  let unseen = 0

  const add = (from: string, text: string, local: boolean) => {
    const item = document.createElement('li')
    item.dataset.local = String(local)
    const header = document.createElement('span')
    header.className = 'from'
    const time = document.createElement('time')
    const now = new Date()
    time.dateTime = now.toISOString()
    time.textContent = now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    header.append(local ? 'You' : from, time)
    const body = document.createElement('span')
    body.className = 'text'
    body.textContent = text
    item.append(header, body)
    list.append(item)
    list.scrollTop = list.scrollHeight
    byId('chat-empty').hidden = true
    if (!local && !isVisible()) unread.textContent = String(++unseen)
    unread.hidden = unseen === 0
  }

  room.registerTextStreamHandler(topic, async (reader, { identity }) => {
    const text = await reader.readAll()
    const sender = room.getParticipantByIdentity(identity)
    add(sender?.name || identity, text, false)
  })

  byId<HTMLFormElement>('chat-form').addEventListener('submit', async (event) => {
    event.preventDefault()
    const text = input.value.trim()
    if (!text) return
    try {
      await room.localParticipant.sendText(text, { topic })
      input.value = ''
      add(room.localParticipant.name ?? '', text, true)
    } catch {
      toast('The message could not be sent. Check your connection and try again.', { kind: 'error' })
    }
  })

  return () => {
    unseen = 0
    unread.hidden = true
    input.focus()
  }
}
