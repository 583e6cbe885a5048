/** The parts of package-lock.json (lockfile v2/v3) this check reads. */
export interface Lockfile {
  packages: Record<
    string,
    {
      version?: string
      dev?: boolean
      optional?: boolean
      workspaces?: string[]
      dependencies?: Record<string, string>
      optionalDependencies?: Record<string, string>
    }
  >
}

/** A package that a production install brings in because the root or a workspace names it. */
export interface ProductionDep {
  name: string
  /** the version the lockfile resolves for it */
  version: string
  /** who names it: `root` or the workspace folder */
  requiredBy: string[]
}

/**
 * Direct, non-dev dependencies (dependencies and optionalDependencies, which `npm ci --omit=dev` also
 * installs) of the root and each workspace, as the lockfile resolves them: a workspace's own
 * node_modules first, then the root's, as Node finds them. One entry per name and resolved version.
 */
export function productionDeps(lock: Lockfile): ProductionDep[] {
  const root = lock.packages['']
  if (!root) throw new Error('package-lock.json has no root package entry (lockfileVersion 2 or 3 is needed)')
  const found = new Map<string, ProductionDep>()
  for (const folder of ['', ...(root.workspaces ?? [])]) {
    const manifest = lock.packages[folder]
    if (!manifest) throw new Error(`package-lock.json has no entry for the workspace ${folder}`)
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      const path = [folder && `${folder}/node_modules/${name}`, `node_modules/${name}`].find((candidate) => candidate && lock.packages[candidate])
      const entry = path ? lock.packages[path] : undefined
      if (!entry?.version) throw new Error(`package-lock.json resolves no version of ${name} for ${folder || 'root'}: run npm install`)
      const key = `${name}@${entry.version}`
      const dep = found.get(key) ?? { name, version: entry.version, requiredBy: [] }
      dep.requiredBy.push(folder || 'root')
      found.set(key, dep)
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version))
}
