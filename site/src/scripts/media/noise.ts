import { loadRnnoise, RnnoiseWorkletNode } from '@sapphi-red/web-noise-suppressor'
// Vite's ?url gives each file's hashed address in the build (the linter cannot see Vite's module types).
// oxlint-disable-next-line import/default
import workletUrl from '@sapphi-red/web-noise-suppressor/rnnoiseWorklet.js?url'
// oxlint-disable-next-line import/default
import wasmUrl from '@sapphi-red/web-noise-suppressor/rnnoise.wasm?url'
// oxlint-disable-next-line import/default
import simdUrl from '@sapphi-red/web-noise-suppressor/rnnoise_simd.wasm?url'
import type { AudioProcessorOptions, LocalAudioTrack, Track, TrackProcessor } from 'livekit-client'

/**
 * RNNoise on the microphone, as a livekit-client audio processor: the track goes through an
 * AudioWorklet running RNNoise's WebAssembly (from @sapphi-red/web-noise-suppressor, served hashed
 * from the site's _astro/) and the cleaned audio is what gets published. RNNoise works on 48 kHz
 * frames, so it gets an AudioContext of its own at that rate. Loaded only when the option is on.
 */
let binary: Promise<ArrayBuffer> | undefined
let context: AudioContext | undefined
const withWorklet = new WeakSet<BaseAudioContext>()

function audioContext() {
  if (!context || context.state === 'closed') context = new AudioContext({ sampleRate: 48_000 })
  // A context made before any click starts suspended: resume at the first gesture (Join is one).
  if (context.state === 'suspended') {
    const resume = () => void context?.resume()
    for (const event of ['pointerdown', 'keydown']) addEventListener(event, resume, { once: true, capture: true })
    void context.resume()
  }
  return context
}

function rnnoiseProcessor(): TrackProcessor<Track.Kind.Audio, AudioProcessorOptions> {
  let source: MediaStreamAudioSourceNode | undefined
  let node: RnnoiseWorkletNode | undefined
  const processor: TrackProcessor<Track.Kind.Audio, AudioProcessorOptions> = {
    name: 'rnnoise',
    async init({ track }) {
      const ctx = audioContext()
      binary ??= loadRnnoise({ url: wasmUrl, simdUrl })
      if (!withWorklet.has(ctx)) {
        await ctx.audioWorklet.addModule(workletUrl)
        withWorklet.add(ctx)
      }
      node = new RnnoiseWorkletNode(ctx, { wasmBinary: await binary, maxChannels: 1 })
      source = ctx.createMediaStreamSource(new MediaStream([track]))
      const destination = ctx.createMediaStreamDestination()
      source.connect(node).connect(destination)
      processor.processedTrack = destination.stream.getAudioTracks()[0]
    },
    async restart(options) {
      await processor.destroy()
      await processor.init(options)
    },
    async destroy() {
      source?.disconnect()
      node?.destroy()
      node?.disconnect()
      processor.processedTrack?.stop()
      source = node = undefined
    },
  }
  return processor
}

/** RNNoise on (or off) for a microphone track. */
export async function setNoiseSuppression(track: LocalAudioTrack, on: boolean) {
  const current = track.getProcessor()
  if (!on) return current && track.stopProcessor()
  if (current?.name === 'rnnoise') return
  // livekit-client insists on a context before it takes an audio processor; RNNoise's own is used.
  await track.setAudioContext(audioContext())
  await track.setProcessor(rnnoiseProcessor())
}
