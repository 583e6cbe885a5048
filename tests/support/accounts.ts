import { spawn } from 'node:child_process'
import { once } from 'node:events'
import type { ApiClient } from '../../native/api-client.ts'

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** `npm run users -- …` as an operator runs it, against a runtime's database. */
export async function usersCli(databaseUrl: string, args: string[], stdin?: string): Promise<CliResult> {
  const child = spawn(process.execPath, ['runtime/cli/users.ts', ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ENV_FILE: '/dev/null', DATABASE_URL: databaseUrl },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  child.stdin.end(stdin ?? '')
  const [code] = await once(child, 'exit')
  return { code: code as number | null, stdout, stderr }
}

/** A password account made with the CLI; the password is the caller's. */
export async function addMember(databaseUrl: string, email: string, password: string, { admin = false } = {}): Promise<void> {
  const result = await usersCli(databaseUrl, ['add', email, '--password-stdin', ...(admin ? ['--admin'] : [])], `${password}\n`)
  if (result.code !== 0) throw new Error(`users add failed: ${result.stderr}`)
}

export const signIn = (client: ApiClient, email: string, password: string) => client.post('/auth/password', { email, password })
