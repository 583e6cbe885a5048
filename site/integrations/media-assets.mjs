import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { withSegmenterMetadata } from './segmenter-metadata.mjs'

const require = createRequire(import.meta.url)
const packageDir = (name, entry) => dirname(require.resolve(entry ?? name))

/**
 * What background effects load at run time, served by the site itself (no CDN): MediaPipe's vision
 * runtime (wasm + its loader, which @livekit/track-processors asks for by folder) and the selfie
 * segmentation model from @mediapipe/selfie_segmentation (Apache-2.0), given the input metadata
 * tasks-vision needs (segmenter-metadata.mjs). They go to public/media/ (not
 * committed) before Astro builds or serves, so `astro dev` and `astro build` both have them.
 * livekit-client's E2EE worker and RNNoise's worklet and wasm are imported with Vite's ?worker/?url
 * instead and come out hashed in _astro/.
 */
export function mediaAssets() {
  return {
    name: 'meet:media-assets',
    hooks: {
      'astro:config:setup': async ({ config, logger }) => {
        const publicDir = fileURLToPath(config.publicDir)
        const visionWasm = join(packageDir('@mediapipe/tasks-vision'), 'wasm')
        const selfie = packageDir('@mediapipe/selfie_segmentation', '@mediapipe/selfie_segmentation/selfie_segmentation.js')
        const files = ['vision_wasm_internal.js', 'vision_wasm_internal.wasm', 'vision_wasm_nosimd_internal.js', 'vision_wasm_nosimd_internal.wasm'].map(
          (name) => [join(visionWasm, name), join(publicDir, 'media/tasks-vision', name)],
        )
        for (const [from, to] of files) {
          const [source, target] = await Promise.all([stat(from), stat(to).catch(() => undefined)])
          if (target?.size === source.size && target.mtimeMs >= source.mtimeMs) continue
          await mkdir(dirname(to), { recursive: true })
          await copyFile(from, to)
        }
        const model = join(publicDir, 'media/models/selfie_segmentation.tflite')
        await mkdir(dirname(model), { recursive: true })
        await writeFile(model, withSegmenterMetadata(await readFile(join(selfie, 'selfie_segmentation.tflite'))))
        logger.debug(`media assets in ${join(publicDir, 'media')}`)
      },
    },
  }
}
