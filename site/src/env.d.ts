declare namespace App {
  interface Locals {
    /** the visitor's address (src/lib/client-address.ts), sent to the runtime as X-Forwarded-For */
    clientAddress: string
    /** cookies the runtime set earlier in this request, sent along with later calls to it */
    runtimeCookies: Map<string, string>
    /** the visitor's language (src/i18n/locales.ts): their choice, else Accept-Language */
    locale: import('./i18n/locales.ts').Locale
    /** light, dark or the system's (src/lib/theme.ts) */
    theme: import('./lib/theme.ts').Theme
  }
}
