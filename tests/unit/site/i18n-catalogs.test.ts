import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { catalogs, clientCatalogs } from '../../../site/src/i18n/messages/index.ts'
import { LOCALES, PSEUDO_LOCALE, negotiateLocale, pickLocale } from '../../../site/src/i18n/locales.ts'
import { translator } from '../../../site/src/i18n/translate.ts'
import { formatters } from '../../../site/src/i18n/format.ts'
import type { Message, Messages } from '../../../site/src/i18n/messages/types.ts'

const english = catalogs.en
const keys = Object.keys(english).sort()
const texts = (message: Message) => (typeof message === 'string' ? [message] : Object.values(message))
const placeholders = (message: Message) => [...new Set(texts(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort()

// What the catalog test checks, as a function, so it can be shown failing on a broken catalog too.
function catalogProblems(catalog: Messages): string[] {
  const problems: string[] = []
  for (const key of keys) {
    const message = catalog[key as keyof Messages]
    if (message === undefined) problems.push(`missing ${key}`)
    else if (texts(message).some((text) => !text.trim())) problems.push(`empty ${key}`)
    else if (placeholders(message).join() !== placeholders(english[key as keyof Messages]).join()) problems.push(`placeholders of ${key}`)
    else if (typeof message !== typeof english[key as keyof Messages]) problems.push(`plural form of ${key}`)
  }
  for (const key of Object.keys(catalog)) if (!(key in english)) problems.push(`unknown ${key}`)
  return problems
}

describe('message catalogs', () => {
  test.each(LOCALES.filter((locale) => locale !== 'en'))('%s has every English key, no other, with the same placeholders', (locale) => {
    expect(catalogProblems(catalogs[locale])).toEqual([])
  })

  test('a catalog missing a key, or with a placeholder renamed, fails the check', () => {
    const { 'room.leave': _, ...missing } = catalogs.de
    expect(catalogProblems(missing as Messages)).toEqual(['missing room.leave'])
    expect(catalogProblems({ ...catalogs.fr, 'room.pin': 'Épingler {nom}' })).toEqual(['placeholders of room.pin'])
  })

  test('translations are translations: most texts differ from English', () => {
    for (const locale of ['de', 'fr', 'es'] as const) {
      const same = keys.filter((key) => JSON.stringify(catalogs[locale][key as keyof Messages]) === JSON.stringify(english[key as keyof Messages]))
      // Brand names, units and a few words shared across languages ("Status", "Chat", "Version") stay.
      expect(same.length / keys.length, `${locale}: ${same.join(', ')}`).toBeLessThan(0.05)
    }
  })

  test('the browser gets only the room and media areas, in every locale', () => {
    for (const locale of [...LOCALES, PSEUDO_LOCALE] as const) {
      const sent = Object.keys(clientCatalogs[locale])
      expect(sent.length).toBeGreaterThan(100)
      expect(sent.every((key) => !key.startsWith('home.') && !key.startsWith('signIn.'))).toBe(true)
    }
  })

  test('the pseudo-locale accents every letter and keeps placeholders', () => {
    const t = translator(PSEUDO_LOCALE, catalogs[PSEUDO_LOCALE])
    const text = t('people.removeOf', { name: 'Ada' })
    expect(text).toContain('Ada')
    expect(text.replace('Ada', '')).not.toMatch(/[a-z]{2}/i)
    expect(t('room.count', { count: 3 })).toMatch(/^\[.*3.*\]$/)
  })
})

describe('t', () => {
  test('fills placeholders and picks plural forms per language', () => {
    const de = translator('de', catalogs.de)
    expect(de('room.count', { count: 1 })).toBe('1 Person')
    expect(de('room.count', { count: 5 })).toBe('5 Personen')
    expect(translator('fr', catalogs.fr)('people.muted', { count: 0 })).toBe('0 micro coupé.')
    expect(translator('en', catalogs.en)('home.error.taken', { name: 'x' })).toBe('The name “x” is already taken. Pick another or leave it empty.')
  })

  test('a value is inserted as it is, never read as a placeholder or markup', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        expect(translator('en', catalogs.en)('room.pin', { name })).toBe(`Pin ${name}`)
      }),
    )
  })
})

describe('choosing the language', () => {
  test('Accept-Language picks the best supported language by weight', () => {
    expect(negotiateLocale('de-CH,de;q=0.9,en;q=0.5')).toBe('de')
    expect(negotiateLocale('ja,fr;q=0.4,es;q=0.8')).toBe('es')
    expect(negotiateLocale('pt-BR,ja')).toBeUndefined()
    expect(negotiateLocale('es;q=0,fr;q=0.1')).toBe('fr')
    expect(negotiateLocale('')).toBeUndefined()
  })

  test('a remembered choice wins; anything unknown falls back to English', () => {
    expect(pickLocale('fr', 'de')).toBe('fr')
    expect(pickLocale('xx', 'de')).toBe('de')
    expect(pickLocale(undefined, 'ja')).toBe('en')
  })

  test('any header gives a supported language or none, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (header) => {
        const locale = negotiateLocale(header)
        expect(locale === undefined || [...LOCALES, PSEUDO_LOCALE].includes(locale)).toBe(true)
      }),
    )
  })
})

describe('formats', () => {
  test('sizes, durations and dates follow the language', () => {
    expect(formatters('en').bytes(2.4 * 1024 * 1024)).toBe('2.4 MB')
    expect(formatters('de').bytes(2.4 * 1024 * 1024)).toBe('2,4 MB')
    expect(formatters('fr').bytes(2.4 * 1024 * 1024)).toMatch(/^2,4\s?Mo$/)
    expect(formatters('en').duration(125)).toBe('2 min 5 sec')
    expect(formatters('de').dateTime('2026-12-01T09:05:00Z')).toBe('01.12.2026, 09:05 UTC')
    expect(formatters('es').dateTime('2026-12-01T09:05:00Z')).toBe('1 dic 2026, 9:05 UTC')
  })
})
