/**
 * What this browser can run, checked without loading the effects themselves (they are large and
 * imported only when used). The effect modules fail cleanly if these were too kind.
 */
export const canProcessVideo = () =>
  typeof OffscreenCanvas !== 'undefined' &&
  typeof WebGL2RenderingContext !== 'undefined' &&
  ('MediaStreamTrackProcessor' in window || 'captureStream' in HTMLCanvasElement.prototype)

export const canSuppressNoise = () => typeof AudioWorkletNode !== 'undefined' && typeof WebAssembly?.instantiate === 'function'
