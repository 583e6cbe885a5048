import { byId } from '../dom.ts'
import { t } from '../../i18n/client.ts'

export type PanelView = 'chat' | 'people'

const titles = { chat: 'room.chat', people: 'room.people' } as const

/** The side panel shows chat or the people list; the same button closes it again. */
export function startPanel(onOpen: (view: PanelView) => void) {
  const panel = byId('side-panel')
  const buttons: Record<PanelView, HTMLElement> = { chat: byId('toggle-chat'), people: byId('toggle-people') }
  let current: PanelView | undefined
  const open = (view: PanelView | undefined) => {
    current = view
    panel.hidden = !view
    for (const [name, button] of Object.entries(buttons)) button.setAttribute('aria-expanded', String(name === view))
    if (!view) return
    byId('side-title').textContent = t(titles[view])
    byId('chat-view').hidden = view !== 'chat'
    byId('people-view').hidden = view !== 'people'
    onOpen(view)
  }
  buttons.chat.addEventListener('click', () => open(current === 'chat' ? undefined : 'chat'))
  buttons.people.addEventListener('click', () => open(current === 'people' ? undefined : 'people'))
  byId('close-panel').addEventListener('click', () => {
    const was = current
    open(undefined)
    if (was) buttons[was].focus()
  })
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') byId('close-panel').click()
  })
  return { isOpen: (view: PanelView) => current === view }
}
