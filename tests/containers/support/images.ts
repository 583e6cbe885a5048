import { repoRoot } from '../../unit/stack/support/stack-files.ts'
import { docker } from './engine.ts'
import { standInImages } from './stand-ins.ts'

/** Where the suite's runtime and site images are tagged (compose.yaml's IMAGE_REGISTRY and IMAGE_TAG). */
export const appImages = { registry: 'meet-test', tag: 'containers' } as const
export const appImage = (name: 'runtime' | 'site', target = 'production') =>
  `${appImages.registry}/meet-${name}:${target === 'production' ? appImages.tag : `${appImages.tag}-${target}`}`

/**
 * Builds runtime/Dockerfile and site/Dockerfile from the repository (production target unless told),
 * on the stand-in Node image when `standIns`, on the official node:24-bookworm-slim otherwise.
 */
export function buildAppImages(host: string, { standIns, target = 'production', names = ['runtime', 'site'] }: { standIns: boolean; target?: string; names?: ('runtime' | 'site')[] }) {
  for (const name of names) {
    const args = ['build', '--file', `${name}/Dockerfile`, '--target', target, '--tag', appImage(name, target)]
    if (standIns) args.push('--build-arg', `NODE_IMAGE=${standInImages.node}`)
    docker(host, [...args, '.'], { cwd: repoRoot })
  }
}
