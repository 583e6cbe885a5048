import type { Page } from 'playwright-core'

/**
 * Resolves once the page plays someone's microphone with actual sound (the fake device's beep),
 * not silence: the loudest sample over two seconds reaches `peak` (RNNoise quiets the beep, hence a
 * lower bar there).
 */
export const hearsSound = (page: Page, peak = 0.01) =>
  page.waitForFunction(
    async (threshold) => {
      const audio = [...document.querySelectorAll<HTMLAudioElement>('#audio-sink audio')].find(
        (element) => (element.srcObject as MediaStream | null)?.getAudioTracks()[0]?.readyState === 'live',
      )
      if (!audio) return false
      const context = new AudioContext()
      const analyser = context.createAnalyser()
      context.createMediaStreamSource(audio.srcObject as MediaStream).connect(analyser)
      const samples = new Float32Array(analyser.fftSize)
      let loudest = 0
      for (let i = 0; i < 20 && loudest < threshold; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        analyser.getFloatTimeDomainData(samples)
        loudest = Math.max(loudest, ...samples.map(Math.abs))
      }
      await context.close()
      return loudest >= threshold
    },
    peak,
    { timeout: 30_000, polling: 1_000 },
  )
