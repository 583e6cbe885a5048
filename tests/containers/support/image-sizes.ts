import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from '../../unit/stack/support/stack-files.ts'
import { docker } from './engine.ts'
import { appImage } from './images.ts'
import { standInImages } from './stand-ins.ts'

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(0)} MB`
const sizeOf = (host: string, image: string) => Number(docker(host, ['image', 'inspect', '--format', '{{.Size}}', image]).stdout.trim())

/**
 * bench/results/images.{json,md}: the runtime and site images as built by the container suite, and
 * what they add to the Node base image they start from. The base is the official
 * node:24-bookworm-slim on GitHub's runners and the local stand-in here, so the added size is the
 * figure that carries over.
 */
export function recordImageSizes(host: string, { standIns, runtimePackages }: { standIns: boolean; runtimePackages: number }) {
  const base = standIns ? standInImages.node : 'node:24-bookworm-slim'
  const baseBytes = sizeOf(host, base)
  const images = (['runtime', 'site'] as const).map((name) => {
    const bytes = sizeOf(host, appImage(name))
    return { image: `meet-${name}`, bytes, addedToBase: bytes - baseBytes }
  })
  const standInSizes = standIns ? Object.fromEntries(Object.entries(standInImages).map(([name, image]) => [name, sizeOf(host, image)])) : undefined
  const result = { measuredAt: new Date().toISOString(), arch: process.arch, base: { image: base, bytes: baseBytes }, images, runtimePackages, standIns: standInSizes }
  const dir = join(repoRoot, 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'images.json'), `${JSON.stringify(result, null, 2)}\n`)
  const rows = images.map(({ image, bytes, addedToBase }) => `| ${image} | ${mb(bytes)} | ${mb(addedToBase)} |`)
  writeFileSync(join(dir, 'images.md'), [
    '# Image sizes',
    '',
    `Written by tests/containers/stack.test.ts (${result.measuredAt.slice(0, 10)}, ${process.arch}), uncompressed as \`docker image inspect\` reports them.`,
    `The base is \`${base}\`${standIns ? ' (the local stand-in for node:24-bookworm-slim: Docker Hub is not reachable where this ran, so the total depends on the stand-in; the added size is what the project itself contributes)' : ''}.`,
    '',
    '| image | size | added to the Node base |',
    '| --- | --- | --- |',
    ...rows,
    '',
    `The runtime image holds ${runtimePackages} packages in node_modules, production dependencies only.`,
    ...(standInSizes ? ['', 'Stand-ins (test-only, built from Debian packages, npm, PyPI and Go): ' + Object.entries(standInSizes).map(([name, bytes]) => `${name} ${mb(bytes)}`).join(', ') + '.'] : []),
    '',
  ].join('\n'))
}
