import type { ProductionDep } from './production-deps.ts'

export interface CheckedDep extends ProductionDep {
  /** the newest patch release of its major.minor line */
  latestPatch: string
}

export const isBehind = (dep: CheckedDep) => dep.latestPatch !== dep.version

/** A plain-text table, one row per package, with what to do when it is behind. */
export function renderTable(deps: CheckedDep[]): string {
  const rows = [
    ['package', 'required by', 'resolved', 'latest patch', 'status'],
    ...deps.map((dep) => [dep.name, dep.requiredBy.join(', '), dep.version, dep.latestPatch, isBehind(dep) ? 'behind' : 'current']),
  ]
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)))
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd()
  return [line(rows[0]), line(widths.map((width) => '-'.repeat(width))), ...rows.slice(1).map(line)].join('\n')
}
