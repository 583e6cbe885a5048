import { byId } from '../dom.ts'

const COOKIE = 'meet-theme'

/**
 * The theme choice in the room's settings: applied at once, without leaving the meeting, and
 * remembered in the same cookie as the header's switch (src/lib/theme.ts, src/pages/preferences.ts).
 */
export function startThemeChoice() {
  for (const input of byId('room-theme').querySelectorAll<HTMLInputElement>('input[name="theme"]')) {
    input.addEventListener('change', () => {
      const theme = input.value
      const root = document.documentElement
      if (theme === 'light' || theme === 'dark') root.dataset.theme = theme
      else delete root.dataset.theme
      document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', theme === 'system' ? 'light dark' : theme)
      document.cookie = theme === 'system' ? `${COOKIE}=; path=/; max-age=0; samesite=lax` : `${COOKIE}=${theme}; path=/; max-age=31536000; samesite=lax`
    })
  }
}
