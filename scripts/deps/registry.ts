import { execFileSync } from 'node:child_process'
import type { PublishedVersion } from './version-line.ts'

export type RegistryFor = (name: string) => string

/**
 * The registry npm itself would ask for a package: `@scope:registry` for scoped names, else `registry`,
 * from npm's own configuration (.npmrc files, npm_config_* variables), read through npm.
 */
export function npmRegistries(): RegistryFor {
  const config = JSON.parse(execFileSync('npm', ['config', 'list', '--json'], { encoding: 'utf8' })) as Record<string, unknown>
  return registryFor(config)
}

export function registryFor(config: Record<string, unknown>): RegistryFor {
  const fallback = typeof config.registry === 'string' ? config.registry : 'https://registry.npmjs.org/'
  return (name) => {
    const scoped = name.startsWith('@') ? config[`${name.split('/')[0]}:registry`] : undefined
    return (typeof scoped === 'string' ? scoped : fallback).replace(/\/*$/, '/')
  }
}

/** Every published version of a package, from the registry's abbreviated metadata document. */
export async function publishedVersions(name: string, registry: RegistryFor): Promise<Record<string, PublishedVersion>> {
  const url = registry(name) + name.replace('/', '%2f')
  const response = await fetch(url, {
    headers: { accept: 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8' },
    signal: AbortSignal.timeout(30_000),
  })
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  const metadata = (await response.json()) as { versions?: Record<string, PublishedVersion> }
  if (!metadata.versions) throw new Error(`${url} lists no versions`)
  return metadata.versions
}
