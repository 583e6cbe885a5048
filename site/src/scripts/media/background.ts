import {
  BackgroundProcessor,
  supportsBackgroundProcessors,
  type BackgroundProcessorWrapper,
  type SwitchBackgroundProcessorOptions,
} from '@livekit/track-processors'
import type { LocalVideoTrack } from 'livekit-client'

/**
 * Background blur and virtual backgrounds with @livekit/track-processors. MediaPipe's runtime and the
 * selfie segmentation model are the site's own files (integrations/media-assets.mjs), never a CDN.
 * Loaded only once someone picks an effect (effects.ts imports this module dynamically).
 */
const assetPaths = {
  tasksVisionFileSet: '/media/tasks-vision',
  modelAssetPath: '/media/models/selfie_segmentation.tflite',
}

/**
 * MediaPipe's GPU delegate is the fast path on a real GPU; under a software WebGL (SwiftShader: VMs,
 * machines without a usable GPU) running the model in emulated shaders starves the page, and its CPU
 * delegate (wasm SIMD) is much cheaper. The compositing stays on WebGL either way.
 */
function segmenterDelegate(): 'GPU' | 'CPU' {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2')
  const info = gl?.getExtension('WEBGL_debug_renderer_info')
  const renderer = gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : ''
  return /swiftshader|llvmpipe|software/i.test(renderer) ? 'CPU' : 'GPU'
}

const optionsFor = (choice: string): SwitchBackgroundProcessorOptions =>
  choice === 'blur'
    ? { mode: 'background-blur', blurRadius: 12 }
    : choice.startsWith('image:')
      ? { mode: 'virtual-background', imagePath: `/backgrounds/${choice.slice(6).replace(/[^a-z0-9-]/g, '')}.svg` }
      : { mode: 'disabled' }

/** Puts the chosen effect on a camera track (or switches the one it has); 'none' removes it. */
export async function setBackground(track: LocalVideoTrack, choice: string) {
  const current = track.getProcessor() as BackgroundProcessorWrapper | undefined
  if (choice === 'none') return current && track.stopProcessor()
  if (!supportsBackgroundProcessors()) throw new Error('unsupported')
  if (current?.name === 'background-processor' && 'switchTo' in current) return current.switchTo(optionsFor(choice))
  await track.setProcessor(BackgroundProcessor({ ...optionsFor(choice), assetPaths, segmenterOptions: { delegate: segmenterDelegate() } }))
}
