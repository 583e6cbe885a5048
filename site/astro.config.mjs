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
    // Behind Caddy the site sees http://site:3000 while browsers post from https://DOMAIN: trusting
    // X-Forwarded-Proto/Host lets Astro's origin check compare like with like. The domain is only
    // known when the image runs, so no hostname is pinned here; browsers cannot forge these headers.
    allowedDomains: [{ protocol: 'https' }, { protocol: 'http' }],
  },
})
