import type { Page } from 'playwright-core'

/** The camera tile a page shows for someone, found by the name others see. */
export const cameraTile = (page: Page, name: string) => page.locator(`#grid .tile[data-source="camera"][aria-label="${name}"]`)

/** Waits until that tile's <video> shows real frames (the fake camera's picture), not just an element. */
export async function waitForVideo(page: Page, name: string, source: 'camera' | 'screen' = 'camera') {
  await page.waitForFunction(
    ([label, kind]) => {
      const video = document.querySelector<HTMLVideoElement>(`#grid .tile[data-source="${kind}"][aria-label="${label}"] video`)
      return Boolean(video && video.videoWidth > 0 && video.readyState >= 2)
    },
    [name, source],
    { timeout: 30_000 },
  )
}

/** Pre-join → room: types the name, presses Join, waits for the room's controls. */
export async function joinAs(page: Page, name: string) {
  await page.locator('#join-form').waitFor()
  await page.fill('#display-name', name)
  await page.click('#join-button')
  await page.locator('#room').waitFor({ state: 'visible', timeout: 30_000 })
}
