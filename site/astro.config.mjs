import { defineConfig } from 'astro/config'
import node from '@astrojs/node'

// Server output: pages check meetings and sessions against the runtime before they render.
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  server: { port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' },
  devToolbar: { enabled: false },
  build: { inlineStylesheets: 'auto' },
  security: {
    // The domain is only known when the image runs, and Astro reads `allowedDomains` at build time
    // and takes the left-most (client-written) X-Forwarded-For once a host is allowed. So no
    // forwarded header is trusted here (no allowedDomains), and src/middleware.ts pins the host to
    // PUBLIC_URL, counts proxy hops for the client address and does the origin check against
    // PUBLIC_URL's origin (behind Caddy the site itself only sees http).
    checkOrigin: false,
  },
})
