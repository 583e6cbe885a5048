import { isRedisReady, unavailable, useRedis } from '#runtime'

// Sessions and sign-in limits live in Redis: signing in while it is down would leave a session
// only this instance knows, and attempts nobody counts.
export function assertSignInAvailable(): void {
  if (!isRedisReady(useRedis())) throw unavailable('Signing in is unavailable right now; try again shortly')
}
