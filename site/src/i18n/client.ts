import { DEFAULT_LOCALE, isLocale } from './locales.ts'
import type { Messages } from './messages/types.ts'
import { translator } from './translate.ts'
import { formatters } from './format.ts'

// The page states its language on <html lang> and carries its part of the catalog as JSON in an
// attribute (ClientMessages.astro): no catalog is bundled into the scripts, and no request is made for one.
const lang = document.documentElement.lang
const locale = isLocale(lang) ? lang : DEFAULT_LOCALE
const block = document.getElementById('meet-messages')?.dataset.messages

/** `t` in the room's scripts, over the messages the page was rendered with. */
export const t = translator(locale, block ? (JSON.parse(block) as Partial<Messages>) : {})
export const format = formatters(locale)
export { locale }
