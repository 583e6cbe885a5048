// `npm run deps:check`: production dependencies behind the latest patch release of their version line
// (same major.minor), from the registry npm is configured with. Exits 1 when any is behind, 2 when the
// registry cannot be read. A CI step, not part of `npm test`: a release published tomorrow must not
// make today's commit fail its tests.
import { readFileSync } from 'node:fs'
import { productionDeps, type Lockfile } from './deps/production-deps.ts'
import { latestInLine } from './deps/version-line.ts'
import { isBehind, renderTable, type CheckedDep } from './deps/table.ts'
import { npmRegistries, publishedVersions } from './deps/registry.ts'

const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as Lockfile
const registry = npmRegistries()
let checked: CheckedDep[]
try {
  checked = await Promise.all(
    productionDeps(lock).map(async (dep) => ({ ...dep, latestPatch: latestInLine(dep.version, await publishedVersions(dep.name, registry)) })),
  )
} catch (error) {
  console.error(`deps:check could not read the registry: ${error instanceof Error ? error.message : error}`)
  process.exit(2)
}
console.log(renderTable(checked))
const behind = checked.filter(isBehind)
if (behind.length) {
  console.log(
    `\n${behind.length} production ${behind.length === 1 ? 'dependency is' : 'dependencies are'} behind the latest patch of their line: npm update ${behind.map((dep) => dep.name).join(' ')}`,
  )
  process.exit(1)
}
console.log('\nEvery production dependency is on the latest patch of its line.')
