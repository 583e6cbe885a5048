import type { Locale } from './locales.ts'

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const

/** Dates, times, sizes and durations written the way the visitor's language writes them (Intl only). */
export function formatters(locale: Locale) {
  const intl = locale === 'en-XA' ? 'en' : locale
  const dateTime = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
  const time = new Intl.DateTimeFormat(intl, { hour: '2-digit', minute: '2-digit' })
  const percent = new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 0 })
  const units = (unit: string, digits = 0) => new Intl.NumberFormat(intl, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits })
  return {
    /** `12 MB`, `1,5 GB` (1024-based, as file managers show them) */
    bytes(bytes: number | null): string {
      if (bytes === null) return '—'
      let value = bytes
      let unit = 0
      while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
        value /= 1024
        unit++
      }
      return units(BYTE_UNITS[unit]!, unit === 0 || value >= 10 ? 0 : 1).format(value)
    },
    /** `1 h 05 min`, `2 min 03 s`, `7 s` in the locale's unit names */
    duration(seconds: number | null): string {
      if (seconds === null) return '—'
      const h = Math.floor(seconds / 3600)
      const m = Math.floor((seconds % 3600) / 60)
      const s = Math.floor(seconds % 60)
      const part = (value: number, unit: string) => units(unit).format(value)
      return h ? `${part(h, 'hour')} ${part(m, 'minute')}` : m ? `${part(m, 'minute')} ${part(s, 'second')}` : part(s, 'second')
    },
    /** a share from 0 to 1: `42 %`, `42%` as the language writes it */
    percent: (share: number) => percent.format(share),
    /** a moment on the server's clock, in UTC (server-rendered pages do not know the visitor's zone) */
    dateTime: (iso: string) => `${dateTime.format(new Date(iso))} UTC`,
    /** a time of day on the visitor's own clock (the browser's zone) */
    time: (date: Date | string | number) => time.format(new Date(date)),
  }
}
export type Formatters = ReturnType<typeof formatters>
