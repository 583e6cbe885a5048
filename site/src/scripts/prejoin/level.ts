import type { LocalAudioTrack } from 'livekit-client'

/** Drives a <meter> from a microphone track so people can see they are heard; returns a stop function. */
export function showLevel(track: LocalAudioTrack, meter: HTMLMeterElement): () => void {
  const context = new AudioContext()
  const analyser = context.createAnalyser()
  analyser.fftSize = 512
  context.createMediaStreamSource(new MediaStream([track.mediaStreamTrack])).connect(analyser)
  const samples = new Uint8Array(analyser.fftSize)
  let frame = 0
  const draw = () => {
    analyser.getByteTimeDomainData(samples)
    let peak = 0
    for (const sample of samples) peak = Math.max(peak, Math.abs(sample - 128) / 128)
    meter.value = Math.min(1, peak * 2)
    frame = requestAnimationFrame(draw)
  }
  draw()
  return () => {
    cancelAnimationFrame(frame)
    meter.value = 0
    void context.close()
  }
}
