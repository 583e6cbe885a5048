import { repoRoot } from '../../unit/stack/support/stack-files.ts'
import { docker } from './engine.ts'
import { standInImages } from './stand-ins.ts'

/** Where the suite's runtime and site images are tagged (compose.yaml's IMAGE_REGISTRY and IMAGE_TAG). */
export const appImages = { registry: 'meet-test', tag: 'containers' } as const
export type AppImage = 'runtime' | 'site' | 'caddy'
export const appImage = (name: AppImage, target = 'production') =>
  `${appImages.registry}/meet-${name}:${target === 'production' ? appImages.tag : `${appImages.tag}-${target}`}`

/**
 * Builds runtime/Dockerfile and site/Dockerfile from the repository (production target unless told)
 * and caddy/Dockerfile (Caddy with layer4), on the stand-in base images when `standIns`, on the
 * official ones (node:24-bookworm-slim, caddy:2.11.9-builder/-alpine) otherwise.
 */
export function buildAppImages(
  host: string,
  { standIns, target = 'production', names = ['runtime', 'site', 'caddy'] }: { standIns: boolean; target?: string; names?: AppImage[] },
) {
  for (const name of names) {
    const args =
      name === 'caddy'
        ? [
            'build',
            '--tag',
            appImage(name),
            ...(standIns ? ['--build-arg', `CADDY_IMAGE=${standInImages.caddy}`, '--build-arg', `CADDY_BUILDER_IMAGE=${standInImages['caddy-builder']}`] : []),
            'caddy',
          ]
        : [
            'build',
            '--file',
            `${name}/Dockerfile`,
            '--target',
            target,
            '--tag',
            appImage(name, target),
            ...(standIns ? ['--build-arg', `NODE_IMAGE=${standInImages.node}`] : []),
            '.',
          ]
    docker(host, args, { cwd: repoRoot })
  }
}
