import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

// axe-core's own bundle, evaluated in the page through the DevTools protocol: no <script> is added,
// so the page's Content-Security-Policy stays as strict as it is for visitors.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

type Impact = 'minor' | 'moderate' | 'serious' | 'critical'

/** One page in one theme, as axe-core saw it: the rules it ran and what they found, by impact. */
export interface AxeResult {
  page: string
  theme: 'light' | 'dark'
  url: string
  rules: number
  passes: number
  /** checks axe could not decide alone (text over video, for one): for a person to review */
  incomplete: number
  violations: Record<Impact, number>
  /** rule id → impact and how many nodes, for every violation */
  details: Array<{ rule: string; impact: Impact; nodes: number; help: string; targets: string[] }>
}

// WCAG 2.1 A and AA (contrast included) plus axe's best practices (landmarks, headings, regions).
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

/** Runs axe-core on what the page shows now. */
export async function runAxe(page: Page, name: string, theme: 'light' | 'dark'): Promise<AxeResult> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const outcome = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<any> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] })
    return {
      passes: result.passes.length,
      incomplete: result.incomplete.length,
      violations: result.violations.map((v: any) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.length,
        targets: v.nodes.slice(0, 5).map((n: any) => String(n.target)),
      })),
    }
  }, TAGS)
  const violations: Record<Impact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 }
  for (const violation of outcome.violations) violations[violation.impact as Impact] += violation.nodes
  return {
    page: name,
    theme,
    url: new URL(page.url()).pathname,
    rules: outcome.passes + outcome.violations.length,
    passes: outcome.passes,
    incomplete: outcome.incomplete,
    violations,
    details: outcome.violations,
  }
}

/** Dark or light for this page, as a visitor's system would ask for it. */
export const emulateTheme = (page: Page, theme: 'light' | 'dark') => page.emulateMedia({ colorScheme: theme })

export const ACCESSIBILITY_FILE = 'test-results/accessibility.json'

/** What `npm run docs:accessibility` renders into docs/accessibility.md. */
export async function saveAxeResults(results: AxeResult[]) {
  await mkdir('test-results', { recursive: true })
  await writeFile(
    ACCESSIBILITY_FILE,
    JSON.stringify({ axe: (await import('axe-core')).default.version, at: new Date().toISOString(), results }, null, 2) + '\n',
  )
}
