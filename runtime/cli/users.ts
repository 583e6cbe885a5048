// Password accounts from the command line:
//   npm run users -- add ada@example.com [--admin] [--name "Ada Lovelace"] [--password-stdin]
//   npm run users -- list | disable EMAIL | enable EMAIL | reset-password EMAIL [--password-stdin] | make-admin EMAIL
// In the Compose stack: docker compose exec runtime node runtime/cli/users.ts add ada@example.com --admin
// A new password is generated and printed once (or read from standard input); it is never logged.
import { parseArgs } from 'node:util'
import { text } from 'node:stream/consumers'
import pg from 'pg'
import { loadEnvFile } from '../config/load.ts'
import { migrate } from '../db/migrate.ts'
import { generatePassword, hashPassword, PASSWORD_RULE } from '../accounts/password.ts'
import { createMember, findMemberByEmail, listMembers, MemberExistsError, updateMember, type Member } from '../accounts/members.ts'

const USAGE = `Usage: users <command> [options]
  add EMAIL [--admin] [--name NAME] [--password-stdin]   create a password account (prints a generated password)
  list                                                 every member: email, role, state, sign-in method
  disable EMAIL | enable EMAIL                         a disabled member is signed out at their next request
  reset-password EMAIL [--password-stdin]              set a new password (prints a generated one)
  make-admin EMAIL | make-member EMAIL                 change the role`

const COMMANDS = ['add', 'list', 'disable', 'enable', 'reset-password', 'make-admin', 'make-member']

class UsageError extends Error {}

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { admin: { type: 'boolean' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  })
  const [command, email] = positionals
  if (values.help || !command) return console.log(USAGE)
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command ${command}`)
  if (command !== 'list' && !email) throw new UsageError(`${command} needs an email`)
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError(`${email} is not an email address`)

  const { db, close } = await openDatabase()
  try {
    const newPassword = async () => {
      const password = values['password-stdin'] ? (await text(process.stdin)).split(/\r?\n/)[0] : generatePassword()
      if (password.length < PASSWORD_RULE.min || password.length > PASSWORD_RULE.max)
        throw new UsageError(`the password must have ${PASSWORD_RULE.min} to ${PASSWORD_RULE.max} characters`)
      return { password, hash: await hashPassword(password), shown: !values['password-stdin'] }
    }
    const existing = async () => {
      const member = await findMemberByEmail(db, email!)
      if (!member) throw new UsageError(`no member has the email ${email}`)
      return member
    }
    switch (command) {
      case 'add': {
        const { password, hash, shown } = await newPassword()
        const member = await createMember(db, { email: email!, displayName: values.name, role: values.admin ? 'admin' : 'member', passwordHash: hash })
        console.log(`Created ${describe(member)}`)
        if (shown) console.log(`Password (shown once): ${password}`)
        break
      }
      case 'list':
        for (const m of await listMembers(db))
          console.log(`${m.email}\t${m.role}\t${m.state}\t${m.hasPassword ? 'password' : 'single sign-on'}\t${m.displayName}`)
        break
      case 'disable':
      case 'enable':
        console.log(
          `${command === 'disable' ? 'Disabled' : 'Enabled'} ${describe((await updateMember(db, (await existing()).id, { state: command === 'disable' ? 'disabled' : 'active' }))!)}`,
        )
        break
      case 'make-admin':
      case 'make-member':
        console.log(`Updated ${describe((await updateMember(db, (await existing()).id, { role: command === 'make-admin' ? 'admin' : 'member' }))!)}`)
        break
      case 'reset-password': {
        const member = await existing()
        const { password, hash, shown } = await newPassword()
        await updateMember(db, member.id, { passwordHash: hash })
        console.log(`New password set for ${member.email}`)
        if (shown) console.log(`Password (shown once): ${password}`)
        break
      }
      default:
        throw new UsageError(`unknown command ${command}`)
    }
  } finally {
    await close()
  }
}

const describe = (m: Member) => `${m.email} (${m.role}, ${m.state})`

// DATABASE_URL as the runtime reads it (Compose, production). In a checkout, `npm run users` gives
// one: the PostgreSQL `npm start` runs, else an embedded one (native/with-database.ts).
async function openDatabase() {
  loadEnvFile(process.env.ENV_FILE ?? '.env')
  const url = process.env.DATABASE_URL
  if (!url) throw new UsageError('DATABASE_URL is not set (in a checkout, `npm run users` finds or starts the development database)')
  const db = new pg.Pool({ connectionString: url, max: 2 })
  await migrate(db)
  return { db, close: () => db.end() }
}

main(process.argv.slice(2)).catch((error: Error) => {
  const known = error instanceof UsageError || error instanceof MemberExistsError
  console.error(known ? `users: ${error.message}${error instanceof UsageError ? `\n\n${USAGE}` : ''}` : error)
  process.exitCode = known ? 2 : 1
})
