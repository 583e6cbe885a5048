/**
 * The room page's in-meeting features, each loaded only when used: the chunks that start it, the
 * source modules that are its own (in site/src or its packages), and the files it fetches by URL.
 */
export interface Feature {
  loadedWhen: string
  /** the built chunks the page imports dynamically when the feature is used */
  chunks: RegExp
  /** its source modules: none may be in the page's first load */
  sources: RegExp
  /** the packages whose SDK imports the feature's modules make (stubbed in the variant build) */
  packages: string[]
  /** files it fetches by address rather than by import */
  fetched: string[]
}

export const features: Record<'encryption' | 'background' | 'noise', Feature> = {
  encryption: {
    loadedWhen: 'joining an end-to-end encrypted meeting',
    chunks: /\/_astro\/(encryption|encrypted-chat|prejoin-check)\.[\w-]+\.js$/,
    sources: /site\/src\/scripts\/e2ee\//,
    packages: ['livekit-client'],
    fetched: [],
  },
  background: {
    loadedWhen: 'picking blur or a virtual background',
    chunks: /\/_astro\/(background|effects)\.[\w-]+\.js$/,
    sources: /site\/src\/scripts\/media\/(background|effects|support)\.ts|node_modules\/(@livekit\/track-processors|@mediapipe)\//,
    packages: ['livekit-client', '@livekit/track-processors'],
    fetched: ['/media/tasks-vision/vision_wasm_internal.js', '/media/tasks-vision/vision_wasm_internal.wasm', '/media/models/selfie_segmentation.tflite'],
  },
  noise: {
    loadedWhen: 'noise suppression on (the default, where the browser runs it)',
    chunks: /\/_astro\/(noise|effects)\.[\w-]+\.js$/,
    sources: /site\/src\/scripts\/media\/(noise|effects|support)\.ts|node_modules\/@sapphi-red\/web-noise-suppressor\//,
    packages: ['livekit-client', '@sapphi-red/web-noise-suppressor'],
    fetched: [],
  },
}

export type FeatureName = keyof typeof features

/** Any feature's chunk: the walk of the page's first load stops there. */
export const anyFeatureChunk = new RegExp(
  Object.values(features)
    .map((feature) => feature.chunks.source)
    .join('|'),
)
