import type { Browser, BrowserContext } from 'playwright-core'

/** A Content-Security-Policy violation a page reported, or a console line about one. */
export interface CspViolation {
  page: string
  how: 'securitypolicyviolation' | 'console'
  detail: string
}

const seen: CspViolation[] = []

/** What the watched browsers reported since the last call, emptied (the check after each test uses it). */
export const takeCspViolations = () => seen.splice(0)

// Runs in every document before its own scripts, so violations while parsing are caught too.
const reportViolations = () => {
  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      const report = (window as unknown as { __meetCspViolation: (detail: string) => void }).__meetCspViolation
      report(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile || 'page'}:${event.lineNumber}) ${event.sample}`.trim())
    },
    true,
  )
}

const watched = new WeakSet<BrowserContext>()

async function watchContext(context: BrowserContext): Promise<BrowserContext> {
  // Playwright's browser.newPage() opens its context through browser.newContext(): watch each once.
  if (watched.has(context)) return context
  watched.add(context)
  await context.exposeBinding('__meetCspViolation', ({ page }, detail: string) => void seen.push({ page: page.url(), how: 'securitypolicyviolation', detail }))
  await context.addInitScript(reportViolations)
  // Chromium also logs each refusal ("… violates the following Content Security Policy directive …").
  context.on('console', (message) => {
    if (/content.security.policy/i.test(message.text())) seen.push({ page: message.page()?.url() ?? '', how: 'console', detail: message.text() })
  })
  return context
}

/** Every context and page this browser opens reports CSP violations into the list above. */
export function watchCsp(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser)
  const newPage = browser.newPage.bind(browser)
  browser.newContext = async (options) => watchContext(await newContext(options))
  browser.newPage = async (options) => {
    const page = await newPage(options)
    await watchContext(page.context())
    return page
  }
  return browser
}

// Under vitest, every test of a file that opens a browser ends by checking that no page broke the CSP.
if (process.env.VITEST) {
  const { afterEach, expect } = await import('vitest')
  afterEach(() => {
    expect(takeCspViolations(), 'Content-Security-Policy violations in the browser').toEqual([])
  })
}
