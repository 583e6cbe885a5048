import { defineConfig } from 'astro/config'
import node from '@astrojs/node'
import { STATIC_DIRECTIVES } from './src/lib/page-security.ts'
import { mediaAssets } from './integrations/media-assets.mjs'

// Server output: pages check meetings and sessions against the runtime before they render.
export default defineConfig({
  output: 'server',
  // A backstop under the site's own limits (src/lib/request-body.ts: the runtime's BODY_LIMIT_BYTES
  // for /api, a few KiB for forms, plus at most 64 MiB read into nothing after a refusal): no request
  // body is read past 128 MiB, instead of @astrojs/node's default of 1 GiB.
  adapter: node({ mode: 'standalone', bodySizeLimit: 128 * 1024 * 1024 }),
  server: { port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' },
  devToolbar: { enabled: false },
  integrations: [mediaAssets()],
  build: { inlineStylesheets: 'auto' },
  vite: {
    environments: {
      client: {
        build: {
          rolldownOptions: {
            output: {
              // What the meeting page's scripts share (livekit-client, preferences, the i18n client) is one
              // chunk: left to itself the bundler splits it into several once lazily loaded features import
              // some of it, each one more request and less gzip context on the way to Join.
              codeSplitting: {
                groups: [
                  {
                    name: 'meeting-shared',
                    test: /\/livekit-client\.esm\.mjs$|\/src\/scripts\/(preferences|dom)\.ts$|\/src\/i18n\/(client|translate|format|locales)\.ts$/,
                  },
                ],
              },
            },
          },
        },
      },
    },
  },
  // No Markdown here; Shiki's inline styles would not pass the CSP anyway.
  markdown: { syntaxHighlight: false },
  security: {
    // The domain is only known when the image runs, and Astro reads `allowedDomains` at build time
    // and takes the left-most (client-written) X-Forwarded-For once a host is allowed. So no
    // forwarded header is trusted here (no allowedDomains), and src/middleware.ts pins the host to
    // PUBLIC_URL, counts proxy hops for the client address and does the origin check against
    // PUBLIC_URL's origin (behind Caddy the site itself only sees http).
    checkOrigin: false,
    // A Content-Security-Policy header on every page: script-src and style-src are 'self' plus hashes of
    // what Astro inlines; src/middleware.ts adds the LiveKit and recording origins of the deployment.
    csp: { directives: [...STATIC_DIRECTIVES] },
  },
})
