export interface Spread {
  median: number
  min: number
  max: number
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  return { median: round(median), min: round(sorted[0]), max: round(sorted.at(-1)!) }
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits
