// The database `npm start` runs, when .env names none: the launcher's embedded PostgreSQL.
export function nativeDatabaseUrl(env: Record<string, string | undefined>): string {
  if (env.DATABASE_URL) return env.DATABASE_URL
  const user = encodeURIComponent(env.POSTGRES_USER || 'meet')
  const password = encodeURIComponent(env.POSTGRES_PASSWORD ?? '')
  return `postgres://${user}:${password}@127.0.0.1:${env.POSTGRES_PORT || 5432}/${encodeURIComponent(env.POSTGRES_DB || 'livekit_conference')}`
}
