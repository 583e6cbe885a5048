/**
 * The security headers and Content-Security-Policy of the site's own answers. They live here, not
 * in Caddy, so that every way of running the site (npm start, the container reached directly, behind
 * Caddy) sends them; Caddy adds only what belongs to the TLS edge (HSTS). Astro writes script-src and
 * style-src itself, with hashes of what it inlines (astro.config.mjs `security.csp`).
 */

/** Headers on every answer of the site (pages, form endpoints, the /api forwarder keeps the runtime's). */
export const PAGE_HEADERS = {
  'x-content-type-options': 'nosniff',
  // For browsers that predate frame-ancestors; the CSP says the same.
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  // The room needs the camera, the microphone and screen capture, for this origin only.
  'permissions-policy': 'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
} as const

/** Directives that do not depend on the deployment (astro.config.mjs `security.csp.directives`). */
export const STATIC_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "manifest-src 'self'",
] as const

/**
 * Workers per page: none, except on the meeting page, where livekit-client's E2EE worker runs from
 * the site's own files ('self'). MediaPipe's segmentation runs on the page, RNNoise in an AudioWorklet
 * (worklets follow the page's script-src), and both compile WebAssembly the site serves: that needs
 * 'wasm-unsafe-eval' in script-src, which allows compiling wasm and nothing else (no eval of JS).
 */
export const mediaDirectives = (media: boolean) => [media ? "worker-src 'self'" : "worker-src 'none'"]

/** script-src additions of the meeting page (Astro writes 'self' and its hashes; these join them). */
export const MEDIA_SCRIPT_SOURCES = ["'self'", "'wasm-unsafe-eval'"] as const

export interface PublicOrigins {
  /** LIVEKIT_PUBLIC_URL: where browsers open LiveKit's WebSocket */
  livekitUrl?: string
  /** S3_PUBLIC_ENDPOINT: where presigned recording URLs point */
  downloadUrl?: string
}

const originOf = (value: string | undefined) => {
  if (!value) return undefined
  try {
    const url = new URL(value)
    return /^(wss?|https?):$/.test(url.protocol) ? url : undefined
  } catch {
    return undefined
  }
}

/**
 * Directives that name the deployment's other origins. livekit-client opens `ws(s)://…/rtc` and, when
 * that fails, asks `http(s)://…/rtc/validate` why, so LiveKit's origin is allowed in both schemes.
 * Recordings play in a <video> straight from the bucket (media-src); downloads are navigations, which
 * CSP does not govern. Camera, microphone and remote tracks are MediaStreams set as srcObject, which
 * CSP does not govern either, so no blob: or mediastream: is needed.
 */
export function deploymentDirectives({ livekitUrl, downloadUrl }: PublicOrigins): string[] {
  const connect = ["'self'"]
  const livekit = originOf(livekitUrl)
  if (livekit) {
    const secure = livekit.protocol === 'wss:' || livekit.protocol === 'https:'
    connect.push(`${secure ? 'wss' : 'ws'}://${livekit.host}`, `${secure ? 'https' : 'http'}://${livekit.host}`)
  }
  const media = ["'self'"]
  const download = originOf(downloadUrl)
  if (download && /^https?:$/.test(download.protocol)) media.push(download.origin)
  return [`connect-src ${connect.join(' ')}`, `media-src ${media.join(' ')}`]
}

/** The origins from the site's environment: the same variables, with the same values, as the runtime's. */
export const publicOriginsFromEnv = (env: Record<string, string | undefined> = process.env): PublicOrigins => ({
  livekitUrl: env.LIVEKIT_PUBLIC_URL,
  downloadUrl: env.S3_PUBLIC_ENDPOINT,
})
