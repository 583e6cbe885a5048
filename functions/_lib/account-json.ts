import type { Member } from '#runtime'

export const accountJson = (member: Member) => ({ id: member.id, email: member.email, displayName: member.displayName, role: member.role })
