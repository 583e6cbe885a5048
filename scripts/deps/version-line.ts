/** A parsed semantic version (build metadata dropped: it does not order versions). */
export interface Version {
  major: number
  minor: number
  patch: number
  prerelease: string[]
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/

export function parseVersion(text: string): Version | undefined {
  const match = SEMVER.exec(text.trim())
  if (!match) return undefined
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), prerelease: match[4]?.split('.') ?? [] }
}

/** Semver precedence: negative when a < b. A prerelease comes before its release. */
export function compareVersions(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) if (a[key] !== b[key]) return a[key] - b[key]
  if (!a.prerelease.length || !b.prerelease.length) return b.prerelease.length - a.prerelease.length
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const [x, y] = [a.prerelease[i], b.prerelease[i]]
    if (x === undefined) return -1
    if (y === undefined) return 1
    if (x === y) continue
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)]
    if (nx && ny) return Number(x) - Number(y)
    if (nx !== ny) return nx ? -1 : 1
    return x < y ? -1 : 1
  }
  return 0
}

/** What the registry says about one published version (npm's abbreviated metadata). */
export interface PublishedVersion {
  deprecated?: string
}

/**
 * The newest release of the resolved version's line (same major.minor): published, not a prerelease,
 * not deprecated. The resolved version itself counts, so the answer is never older than it.
 */
export function latestInLine(resolved: string, published: Record<string, PublishedVersion>): string {
  const current = parseVersion(resolved)
  if (!current) throw new Error(`${resolved} is not a semantic version`)
  let best = { text: resolved, version: current }
  for (const [text, info] of Object.entries(published)) {
    const version = parseVersion(text)
    if (!version || version.prerelease.length || info.deprecated) continue
    if (version.major !== current.major || version.minor !== current.minor) continue
    if (compareVersions(version, best.version) > 0) best = { text, version }
  }
  return best.text
}
