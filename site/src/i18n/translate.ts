import type { Locale } from './locales.ts'
import type { Message, MessageKey, Messages, ParamsOf } from './messages/types.ts'

type Params = Record<string, string | number>
/** `t('home.title')`, `t('people.count', { count: 3 })`: params are checked against the English text. */
export type Translate = <K extends MessageKey>(key: K, ...params: ParamsOf<K> extends never ? [] : [Record<ParamsOf<K>, string | number>]) => string

/** A message with its `{name}` placeholders filled in; numbers are formatted for the locale. */
function fill(text: string, params: Params | undefined, numbers: Intl.NumberFormat) {
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name]
    return value === undefined ? whole : typeof value === 'number' ? numbers.format(value) : value
  })
}

/** The `t` of one locale over a catalog (the whole one on the server, the room's part in the browser). */
export function translator(locale: Locale, catalog: Partial<Messages>): Translate {
  const intlLocale = locale === 'en-XA' ? 'en' : locale
  const plurals = new Intl.PluralRules(intlLocale)
  const numbers = new Intl.NumberFormat(intlLocale)
  return ((key: MessageKey, params?: Params) => {
    const message: Message | undefined = catalog[key]
    // A key missing at run time shows itself rather than nothing (the catalog tests keep this from shipping).
    if (message === undefined) return key
    const text = typeof message === 'string' ? message : (message[plurals.select(Number(params?.count ?? 0))] ?? message.other)
    return fill(text, params, numbers)
  }) as Translate
}
