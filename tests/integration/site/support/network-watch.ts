import type { BrowserContext } from 'playwright-core'

/**
 * Every request a browser context makes (documents, scripts, workers and their fetches, WebSockets,
 * wasm and models), so a test can say which origins a whole meeting reached. Self-hosting means the
 * site's own origin, LiveKit's and the bucket's, and nothing else (no CDN for a model or a worker).
 */
export function watchNetwork(context: BrowserContext) {
  const urls: string[] = []
  context.on('request', (request) => void urls.push(request.url()))
  // WebSockets are reported per page; workers' fetches come through the context's 'request' too.
  context.on('page', (page) => page.on('websocket', (socket) => void urls.push(socket.url())))
  return {
    urls,
    /** The origins reached, http(s) and ws(s); data: and blob: never leave the page. */
    origins: () => [...new Set(urls.filter((url) => /^(https?|wss?):/.test(url)).map((url) => new URL(url).origin))].sort(),
  }
}
