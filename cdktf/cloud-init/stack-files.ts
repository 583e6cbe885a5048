import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

// The repository's own Compose stack, shipped to the instance as it is in the repo.
export const stackFileNames = [
  'compose.yaml',
  'Caddyfile',
  'livekit.yaml',
  'egress.yaml',
  // Added by COMPOSE_FILE on the primary of a deployment with media nodes or recorders, and on those.
  'compose.primary.yaml',
  'compose.node.yaml',
  // The `monitoring` profile (COMPOSE_PROFILES=production,monitoring in /etc/meet/deploy.env).
  'monitoring/prometheus.yml',
  'monitoring/alerts.yml',
  'monitoring/blackbox.yml',
  'monitoring/grafana/provisioning/datasources/prometheus.yml',
  'monitoring/grafana/provisioning/dashboards/meet.yml',
  'monitoring/grafana/dashboards/meet.json',
] as const
export type StackFiles = Record<(typeof stackFileNames)[number], Buffer>

export class StackFilesMissingError extends Error {}

export function readStackFiles(repoRoot: string): StackFiles {
  const missing = stackFileNames.filter((name) => !existsSync(join(repoRoot, name)))
  if (missing.length) {
    throw new StackFilesMissingError(
      `The deployment ships the repository's Compose stack, but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing from ${repoRoot}`,
    )
  }
  return Object.fromEntries(stackFileNames.map((name) => [name, readFileSync(join(repoRoot, name))])) as StackFiles
}
