import { AudioFrame, VideoBufferType, VideoFrame } from '@livekit/rtc-node'

export const SAMPLE_RATE = 48_000
export const AUDIO_FRAME_MS = 20
export const VIDEO = { width: 160, height: 90, fps: 15 }

/** 20 ms of a 440 Hz tone, mono: a whole number of periods, so the same frame repeats seamlessly. */
export function toneFrame(): AudioFrame {
  const samples = (SAMPLE_RATE * AUDIO_FRAME_MS) / 1000
  const data = new Int16Array(samples)
  for (let i = 0; i < samples; i++) data[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE))
  return new AudioFrame(data, SAMPLE_RATE, 1, samples)
}

/**
 * One second of 160×90 I420 frames, a bright bar sweeping across a still gradient: every frame
 * differs, as a talking head does, without the noise a full-frame change would push past the bitrate.
 */
export function videoFrames(): VideoFrame[] {
  const { width, height, fps } = VIDEO
  const lumaSize = width * height
  return Array.from({ length: fps }, (_, n) => {
    const data = new Uint8Array(lumaSize * 1.5)
    const bar = Math.floor((n / fps) * width)
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) data[y * width + x] = Math.abs(x - bar) < 12 ? 235 : 16 + ((x + y) % 200)
    }
    data.fill(128, lumaSize) // neutral chroma
    return new VideoFrame(data, width, height, VideoBufferType.I420)
  })
}
