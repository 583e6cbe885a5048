import type { APIRoute } from 'astro'
import { isLocale } from '../i18n/locales.ts'
import { isTheme } from '../lib/theme.ts'
import { rememberLocale, rememberTheme } from '../lib/preference-cookies.ts'
import { payloadTooLarge, readLimitedForm } from '../lib/request-body.ts'
import { safeReturnTo } from '../lib/sign-in-errors.ts'

const FORM_LIMIT = 2048

// The language and theme switches (SiteHeader, pre-join): remember the choice, back to the same page.
export const POST: APIRoute = async ({ request, cookies, redirect }) => {
  const form = await readLimitedForm(request, FORM_LIMIT)
  if (!form) return payloadTooLarge(FORM_LIMIT)
  const locale = form.get('locale')
  const theme = form.get('theme')
  if (locale !== null && !isLocale(locale))
    return Response.json({ error: 'bad_request', message: 'locale is not a language this site speaks', details: { field: 'locale' } }, { status: 400 })
  if (theme !== null && !isTheme(theme))
    return Response.json({ error: 'bad_request', message: 'theme must be system, light or dark', details: { field: 'theme' } }, { status: 400 })
  if (locale !== null) rememberLocale(cookies, locale)
  if (theme !== null) rememberTheme(cookies, theme)
  return redirect(safeReturnTo(form.get('returnTo')), 303)
}
