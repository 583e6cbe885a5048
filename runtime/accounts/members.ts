import type pg from 'pg'

export type MemberRole = 'admin' | 'member'
export type MemberState = 'active' | 'disabled'

export interface Member {
  id: string
  email: string
  displayName: string
  role: MemberRole
  state: MemberState
}

interface MemberRow {
  id: string
  email: string
  display_name: string
  role: MemberRole
  state: MemberState
  password_hash: string | null
  created_at: Date
}

type Db = Pick<pg.Pool, 'query'>

const COLUMNS = 'id, email, display_name, role, state, password_hash, created_at'
const toMember = (row: MemberRow): Member => ({ id: row.id, email: row.email, displayName: row.display_name, role: row.role, state: row.state })

export const normalizeEmail = (email: string) => email.trim().toLowerCase()

export class MemberExistsError extends Error {
  constructor(email: string) {
    super(`A member with the email ${email} already exists`)
    this.name = 'MemberExistsError'
  }
}

export async function createMember(
  db: Db,
  input: { email: string; displayName?: string; role?: MemberRole; passwordHash?: string | null; oidc?: { issuer: string; subject: string } },
): Promise<Member> {
  const email = normalizeEmail(input.email)
  const { rows } = await db.query<MemberRow>(
    `insert into members (email, display_name, role, password_hash, oidc_issuer, oidc_subject) values ($1, $2, $3, $4, $5, $6)
     on conflict do nothing returning ${COLUMNS}`,
    [
      email,
      input.displayName ?? email.split('@')[0],
      input.role ?? 'member',
      input.passwordHash ?? null,
      input.oidc?.issuer ?? null,
      input.oidc?.subject ?? null,
    ],
  )
  if (!rows[0]) throw new MemberExistsError(email)
  return toMember(rows[0])
}

/** The member and their password hash, for signing in (case-insensitive email). */
export async function findMemberForSignIn(db: Db, email: string): Promise<{ member: Member; passwordHash: string | null } | undefined> {
  const { rows } = await db.query<MemberRow>(`select ${COLUMNS} from members where lower(email) = $1`, [normalizeEmail(email)])
  return rows[0] && { member: toMember(rows[0]), passwordHash: rows[0].password_hash }
}

export async function findMemberByEmail(db: Db, email: string): Promise<Member | undefined> {
  return (await findMemberForSignIn(db, email))?.member
}

export async function findMemberByOidc(db: Db, issuer: string, subject: string): Promise<Member | undefined> {
  const { rows } = await db.query<MemberRow>(`select ${COLUMNS} from members where oidc_issuer = $1 and oidc_subject = $2`, [issuer, subject])
  return rows[0] && toMember(rows[0])
}

/** A member with this email and no single sign-on linked yet: the first sign-in links them. */
export async function findMemberToLink(db: Db, email: string): Promise<Member | undefined> {
  const { rows } = await db.query<MemberRow>(`select ${COLUMNS} from members where lower(email) = $1 and oidc_issuer is null`, [normalizeEmail(email)])
  return rows[0] && toMember(rows[0])
}

/** One primary-key lookup: cheap enough for every request that acts as the member. */
export async function findActiveMember(db: Db, id: string): Promise<Member | undefined> {
  const { rows } = await db.query<MemberRow>(`select ${COLUMNS} from members where id = $1 and state = 'active'`, [id])
  return rows[0] && toMember(rows[0])
}

export async function listMembers(db: Db): Promise<(Member & { createdAt: string; hasPassword: boolean })[]> {
  const { rows } = await db.query<MemberRow>(`select ${COLUMNS} from members order by lower(email)`)
  return rows.map((row) => ({ ...toMember(row), createdAt: row.created_at.toISOString(), hasPassword: row.password_hash !== null }))
}

export async function updateMember(
  db: Db,
  id: string,
  change: { role?: MemberRole; state?: MemberState; passwordHash?: string; oidc?: { issuer: string; subject: string }; displayName?: string },
): Promise<Member | undefined> {
  const { rows } = await db.query<MemberRow>(
    `update members set
       role = coalesce($2, role), state = coalesce($3, state), password_hash = coalesce($4, password_hash),
       oidc_issuer = coalesce($5, oidc_issuer), oidc_subject = coalesce($6, oidc_subject),
       display_name = coalesce($7, display_name), updated_at = now()
     where id = $1 returning ${COLUMNS}`,
    [
      id,
      change.role ?? null,
      change.state ?? null,
      change.passwordHash ?? null,
      change.oidc?.issuer ?? null,
      change.oidc?.subject ?? null,
      change.displayName ?? null,
    ],
  )
  return rows[0] && toMember(rows[0])
}
