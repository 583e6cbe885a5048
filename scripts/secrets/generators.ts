import { randomBytes } from 'node:crypto'

// The values `npm run secrets` makes when .env has none (same shapes as the VM's meet-env).
export const secretGenerators: Record<string, () => string> = {
  POSTGRES_PASSWORD: () => randomBytes(24).toString('hex'),
  LIVEKIT_API_KEY: () => `API${randomBytes(8).toString('hex')}`,
  // LiveKit refuses secrets shorter than 32 characters.
  LIVEKIT_API_SECRET: () => randomBytes(32).toString('hex'),
  // Grafana (monitoring profile); without one it would keep its default admin/admin.
  GRAFANA_ADMIN_PASSWORD: () => randomBytes(18).toString('base64url'),
}
