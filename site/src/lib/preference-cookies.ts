import type { AstroCookies } from 'astro'
import { LOCALE_COOKIE, type Locale } from '../i18n/locales.ts'
import { THEME_COOKIE, type Theme } from './theme.ts'

// Not HttpOnly: the room changes the theme from its settings without leaving the meeting. A year, so a
// choice is remembered; Lax, so it comes along when someone opens an invite link from elsewhere.
const options = { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: false } as const

export function rememberLocale(cookies: AstroCookies, locale: Locale) {
  cookies.set(LOCALE_COOKIE, locale, options)
}

export function rememberTheme(cookies: AstroCookies, theme: Theme) {
  if (theme === 'system') cookies.delete(THEME_COOKIE, { path: '/' })
  else cookies.set(THEME_COOKIE, theme, options)
}
