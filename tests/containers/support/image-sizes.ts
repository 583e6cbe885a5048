import { docker } from './engine.ts'
import { writeContainerFigure } from './figures.ts'
import { appImage } from './images.ts'
import { standInImages } from './stand-ins.ts'

const sizeOf = (host: string, image: string) => Number(docker(host, ['image', 'inspect', '--format', '{{.Size}}', image]).stdout.trim())

/**
 * The runtime and site images as built by the container suite, and what they add to the Node base
 * image they start from: the official node:24-bookworm-slim on GitHub's runners, the local stand-in
 * here, so the added size is the figure that carries over. Also the runtime's node_modules listing.
 */
export function recordImageSizes(host: string, { standIns, runtimePackages }: { standIns: boolean; runtimePackages: string[] }) {
  const base = standIns ? standInImages.node : 'node:24-bookworm-slim'
  const baseBytes = sizeOf(host, base)
  const images = (['runtime', 'site'] as const).map((name) => {
    const bytes = sizeOf(host, appImage(name))
    return { image: `meet-${name}`, bytes, addedToBase: bytes - baseBytes }
  })
  const standInSizes = standIns ? Object.fromEntries(Object.entries(standInImages).map(([name, image]) => [name, sizeOf(host, image)])) : undefined
  writeContainerFigure('images', {
    arch: process.arch,
    base: { image: base, bytes: baseBytes, standIn: standIns },
    images,
    standIns: standInSizes,
    runtimeNodeModules: runtimePackages.sort(),
  })
}
