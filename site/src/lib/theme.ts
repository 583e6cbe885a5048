/** Light or dark: the visitor's choice (a cookie the switch sets), else whatever their system prefers. */
export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]
export const THEME_COOKIE = 'meet-theme'

export const isTheme = (value: unknown): value is Theme => (THEMES as readonly unknown[]).includes(value)
export const pickTheme = (cookie: string | undefined): Theme => (isTheme(cookie) ? cookie : 'system')
