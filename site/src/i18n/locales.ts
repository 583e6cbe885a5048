/**
 * The languages the site speaks, and which one a visitor gets: the one they chose (a cookie the
 * switcher sets), else the best match of their browser's Accept-Language, else English.
 */
export const LOCALES = ['en', 'de', 'fr', 'es'] as const
/** A generated pseudo-locale (accented, bracketed English): hard-coded text stands out in it. */
export const PSEUDO_LOCALE = 'en-XA'
export type Locale = (typeof LOCALES)[number] | typeof PSEUDO_LOCALE

/** Each language named in itself, for the switcher. */
export const LOCALE_NAMES: Record<(typeof LOCALES)[number], string> = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español' }

export const LOCALE_COOKIE = 'meet-locale'
export const DEFAULT_LOCALE: Locale = 'en'

export const isLocale = (value: unknown): value is Locale => value === PSEUDO_LOCALE || (LOCALES as readonly unknown[]).includes(value)

/** The best supported language of an Accept-Language header (`de-CH,de;q=0.9,en;q=0.5`), by weight. */
export function negotiateLocale(header: string | null | undefined): Locale | undefined {
  if (!header) return undefined
  const ranges = header
    .split(',')
    .slice(0, 32)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((param) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(param)?.[1]).find(Boolean)
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index }
    })
    .filter(({ tag, q }) => tag && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const { tag } of ranges) {
    if (tag === PSEUDO_LOCALE.toLowerCase()) return PSEUDO_LOCALE
    const primary = tag.split('-')[0]
    if (isLocale(primary)) return primary
  }
  return undefined
}

/** The visitor's language: the remembered choice wins over the browser's. */
export const pickLocale = (cookie: string | undefined, acceptLanguage: string | null | undefined): Locale =>
  isLocale(cookie) ? cookie : (negotiateLocale(acceptLanguage) ?? DEFAULT_LOCALE)
