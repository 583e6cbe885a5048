import { defineConfig } from 'astro/config'
import node from '@astrojs/node'

// Server output: pages check meetings and sessions against the runtime before they render.
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  server: { port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' },
  devToolbar: { enabled: false },
  build: { inlineStylesheets: 'auto' },
})
