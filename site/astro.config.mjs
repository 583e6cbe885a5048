import { defineConfig } from 'astro/config'
import node from '@astrojs/node'
import { STATIC_DIRECTIVES } from './src/lib/page-security.ts'

// Server output: pages check meetings and sessions against the runtime before they render.
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  server: { port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' },
  devToolbar: { enabled: false },
  build: { inlineStylesheets: 'auto' },
  // No Markdown here; Shiki's inline styles would not pass the CSP anyway.
  markdown: { syntaxHighlight: false },
  security: {
    // Behind Caddy the site sees http://site:3000 while browsers post from https://DOMAIN: trusting
    // X-Forwarded-Proto/Host lets Astro's origin check compare like with like. The domain is only
    // known when the image runs, so no hostname is pinned here; browsers cannot forge these headers.
    allowedDomains: [{ protocol: 'https' }, { protocol: 'http' }],
    // A Content-Security-Policy header on every page: script-src and style-src are 'self' plus hashes of
    // what Astro inlines; src/middleware.ts adds the LiveKit and recording origins of the deployment.
    csp: { directives: [...STATIC_DIRECTIVES] },
  },
})
