import type { Locale } from './locales.ts'
import { catalogs } from './messages/index.ts'
import { translator, type Translate } from './translate.ts'
import { formatters, type Formatters } from './format.ts'

export interface I18n {
  locale: Locale
  t: Translate
  format: Formatters
}

const cache = new Map<Locale, I18n>()

/** The visitor's language in a page or endpoint: `const { t, format } = useI18n(Astro)`. */
export function useI18n({ locals }: { locals: App.Locals }): I18n {
  const locale = locals.locale
  let i18n = cache.get(locale)
  if (!i18n) cache.set(locale, (i18n = { locale, t: translator(locale, catalogs[locale]), format: formatters(locale) }))
  return i18n
}
