import type { Locale } from '../locales.ts'
import type { Messages } from './types.ts'
import { en, enClient } from './en/index.ts'
import { de, deClient } from './de/index.ts'
import { fr, frClient } from './fr/index.ts'
import { es, esClient } from './es/index.ts'
import { pseudoCatalog } from './pseudo.ts'

const pseudo = pseudoCatalog(en)

/** Every locale's whole catalog (server-side only: pages render from it). */
export const catalogs: Readonly<Record<Locale, Messages>> = { en, de, fr, es, 'en-XA': pseudo }

const clientKeys = Object.keys(enClient) as (keyof typeof enClient)[]
const pick = (catalog: Messages) => Object.fromEntries(clientKeys.map((key) => [key, catalog[key]]))

/** What the room's scripts may show, per locale: only the `room` and `media` areas travel to the browser. */
export const clientCatalogs: Readonly<Record<Locale, Partial<Messages>>> = {
  en: enClient,
  de: deClient,
  fr: frClient,
  es: esClient,
  'en-XA': pick(pseudo),
}
