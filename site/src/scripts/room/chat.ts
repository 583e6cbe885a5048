import { RoomEvent } from 'livekit-client'
import { api, ApiError, describeError } from '../api.ts'
import { format, t } from '../../i18n/client.ts'
import { byId } from '../dom.ts'
import type { ChatAnswer, ChatHistory, ChatMessage } from '../../lib/types.ts'
import type { RoomContext } from './context.ts'
import { onServerData } from './server-data.ts'
import { toast } from './toast.ts'

/**
 * Chat through the API: the server stores each message and relays it to the room, so history,
 * "chat off" and removals hold for everyone. Text is only ever set with textContent.
 */
export function startChat({ room, roomName, isHost, encrypted }: RoomContext, isVisible: () => boolean) {
  const list = byId('chat-messages')
  const input = byId<HTMLInputElement>('chat-input')
  const unread = byId('chat-unread')
  const seen = new Set<string>()
  let lastId = '0'
  let unseen = 0

  const add = (message: ChatMessage, announce: boolean) => {
    if (seen.has(message.id)) return
    seen.add(message.id)
    if (BigInt(message.id) > BigInt(lastId)) lastId = message.id
    const local = message.from.identity === room.localParticipant.identity
    const item = document.createElement('li')
    item.dataset.local = String(local)
    item.dataset.id = message.id
    const header = document.createElement('span')
    header.className = 'from'
    const time = document.createElement('time')
    time.dateTime = message.sentAt
    time.textContent = format.time(message.sentAt)
    header.append(local ? t('room.you') : message.from.name || t('room.guest'), time)
    const body = document.createElement('span')
    body.className = 'text'
    body.textContent = message.text
    item.append(header, body)
    list.append(item)
    list.scrollTop = list.scrollHeight
    byId('chat-empty').hidden = true
    if (announce && !local && !isVisible()) unread.textContent = String(++unseen)
    unread.hidden = unseen === 0
  }

  const showEnabled = (enabled: boolean) => {
    const off = !enabled && !isHost
    input.disabled = off
    input.placeholder = t(off ? 'chat.off' : 'chat.placeholder')
  }

  // History first (late joiners, reloads), then again after a reconnect for whatever was missed.
  const catchUp = async () => {
    const history = await api<ChatHistory>(`/meetings/${roomName}/chat?after=${lastId}`).catch(() => undefined)
    if (!history) return
    history.messages.forEach((message) => add(message, lastId !== '0'))
    showEnabled(history.enabled)
  }
  void catchUp()
  room.on(RoomEvent.Reconnected, () => void catchUp())
  onServerData(room, 'meet.chat', (message) => add(message, true))
  // Loaded only in an encrypted meeting.
  const encryptedChat = encrypted ? import('../e2ee/encrypted-chat.ts') : undefined
  if (encryptedChat) {
    void encryptedChat.then(({ onEncryptedChat }) => onEncryptedChat(room, (message) => add(message, true)))
    byId('chat-empty').textContent = t('media.e2ee.chatNote')
  }
  onServerData(room, 'meet.settings', (settings) => showEnabled(settings.chatEnabled))

  byId<HTMLFormElement>('chat-form').addEventListener('submit', async (event) => {
    event.preventDefault()
    const text = input.value.trim()
    if (!text) return
    try {
      const message = encryptedChat
        ? await (await encryptedChat).sendEncryptedChat(room, text)
        : (await api<ChatAnswer>(`/meetings/${roomName}/chat`, { text })).message
      input.value = ''
      add(message, false)
    } catch (error) {
      toast(error instanceof ApiError && error.status < 500 ? describeError(error) : t('chat.failed'), { kind: 'error' })
    }
  })

  // Opening the panel also catches up: a line relayed while this browser was still joining is not lost.
  return () => {
    void catchUp()
    unseen = 0
    unread.hidden = true
    input.focus()
  }
}
