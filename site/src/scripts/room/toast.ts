import { byId } from '../dom.ts'
import { t } from '../../i18n/client.ts'

interface ToastOptions {
  kind?: 'info' | 'error'
  action?: string
  onAction?: () => void
}

/** A short message above the controls; errors stay longer. Returns it, for callers that replace their own. */
export function toast(message: string, { kind = 'info', action, onAction }: ToastOptions = {}): HTMLElement {
  const item = document.createElement('div')
  item.className = `toast notice${kind === 'error' ? ' error' : ''}`
  item.setAttribute('role', kind === 'error' ? 'alert' : 'status')
  item.textContent = message
  if (action && onAction) {
    const button = document.createElement('button')
    button.className = 'button'
    button.textContent = action
    button.addEventListener('click', () => (onAction(), item.remove()))
    item.append(' ', button)
  }
  const close = document.createElement('button')
  close.className = 'toast-close'
  close.setAttribute('aria-label', t('room.dismiss'))
  close.textContent = '×'
  close.addEventListener('click', () => item.remove())
  item.append(close)
  byId('toasts').append(item)
  setTimeout(() => item.remove(), kind === 'error' ? 10_000 : action ? 30_000 : 4_000)
  return item
}
