import { byId } from '../dom.ts'

// One key each, as in other meeting apps; Ctrl/Cmd+D and +E stay in controls.ts. The help dialog
// (ShortcutsDialog.astro) lists the same keys.
const buttons: Record<string, string> = { m: 'toggle-mic', v: 'toggle-camera', s: 'toggle-screen', c: 'toggle-chat', p: 'toggle-people', h: 'toggle-hand' }

/** Typing in a field, or a dialog being open, is never taken for a shortcut. */
const typing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))

/** The room's single-key shortcuts and their help dialog (`?`, or the button in the top bar). */
export function startShortcuts() {
  const dialog = byId<HTMLDialogElement>('shortcuts-dialog')
  const open = () => void (!dialog.open && dialog.showModal())
  byId('open-shortcuts').addEventListener('click', open)
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || typing(event.target)) return
    if (document.querySelector('dialog[open]')) return
    if (event.key === '?') {
      event.preventDefault()
      return open()
    }
    const id = buttons[event.key.toLowerCase()]
    const button = id ? byId<HTMLButtonElement>(id) : undefined
    if (!button || button.hidden || button.disabled) return
    event.preventDefault()
    button.click()
  })
}
