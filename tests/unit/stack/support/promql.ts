// The metric names a PromQL expression reads. Enough PromQL for the project's own rules and
// dashboard: label matchers, grouping clauses, ranges, strings and numbers are removed; what
// is left that is not a function, an aggregation or a keyword is a metric name.
const notMetrics = new Set([
  'sum',
  'avg',
  'min',
  'max',
  'count',
  'rate',
  'irate',
  'increase',
  'histogram_quantile',
  'time',
  'abs',
  'clamp_min',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
])

export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b\d+(\.\d+)?\b/g, '')
  const names = [...bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)].map((m) => m[0]).filter((name) => !notMetrics.has(name))
  return [...new Set(names)]
}
