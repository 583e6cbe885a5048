import { readFileSync } from 'node:fs'
import { parse, stringify } from 'yaml'

/**
 * The repository's livekit.yaml with what differs outside Compose: the webhook goes to the
 * runtime on 127.0.0.1, and no metrics port (nothing scrapes it natively, and LiveKit would
 * listen on every interface). Everything else (keys, node IP, Redis, ports) is passed through
 * LiveKit's environment variables, exactly as compose.yaml does.
 */
export function renderLocalLivekitConfig(livekitYamlPath: string, runtimeUrl: string): string {
  const config = parse(readFileSync(livekitYamlPath, 'utf8')) as { webhook?: { urls?: string[] }; prometheus_port?: number }
  delete config.prometheus_port
  config.webhook = { ...config.webhook, urls: [`${runtimeUrl}/webhooks/livekit`] }
  return stringify(config)
}

/** LiveKit's own variables, as compose.yaml sets them for the livekit service. */
export function livekitEnvironment(settings: { apiKey: string; apiSecret: string; nodeIp: string; redisAddress: string; domain: string }) {
  return {
    LIVEKIT_KEYS: `${settings.apiKey}: ${settings.apiSecret}`,
    LIVEKIT_WEBHOOK_API_KEY: settings.apiKey,
    NODE_IP: settings.nodeIp,
    REDIS_HOST: settings.redisAddress,
    LIVEKIT_TURN_DOMAIN: settings.domain,
    // No Caddy in front natively, so no TURN/TLS on 443 to hand streams to this listener.
    LIVEKIT_TURN_TLS_PORT: '0',
  }
}
