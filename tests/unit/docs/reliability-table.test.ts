import { describe, expect, test } from 'vitest'
import { reliabilityMarkdown, type RecordedFigure } from '../../../scripts/docs/reliability-table.ts'

const figure = (id: string, area: RecordedFigure['area'], requests: number, errors = 0): RecordedFigure => ({
  id,
  area,
  scenario: `scenario ${id}`,
  checked: 'a | b',
  requests,
  errors,
  rowsLost: 0,
  notes: 'n',
  at: `2026-11-23T0${requests % 10}:00:00.000Z`,
})

describe('docs/reliability.md renderer', () => {
  test('rows in area order, pipes escaped, totals and when they were measured in the summary', () => {
    const markdown = reliabilityMarkdown([figure('z', 'Access', 3, 1), figure('b', 'Load', 5), figure('a', 'Faults', 2)])
    const rows = markdown.split('\n').filter((line) => /^\| [A-Z]/.test(line))
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(['| Load', '| Faults', '| Access'])
    expect(rows[0]).toContain('a \\| b')
    expect(markdown).toContain('Measured between 2026-11-23 02:00 and 2026-11-23 05:00 UTC: 10 requests, 1 errors, 0 rows lost.')
  })

  test('probes from outside get their own section in class order, not the main table', () => {
    const probe = (id: string, cls: RecordedFigure['probe']) => ({ ...figure(id, 'Probed from outside', 4), probe: cls })
    const markdown = reliabilityMarkdown([figure('b', 'Load', 5), probe('p1', 'headers'), probe('p2', 'grants')])
    const [main, section] = markdown.split('## Probed from outside')
    expect(main).not.toContain('| Probed from outside')
    const rows = section.split('\n').filter((line) => /^\| [a-zA-Z-]+ \| scenario/.test(line))
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(['| grants', '| headers'])
  })
})
