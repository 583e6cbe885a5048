import * as v from 'valibot'
import type { ChatMessage } from '#runtime'

export interface ChatRow {
  id: string
  sender_identity: string
  sender_name: string | null
  body: string
  sent_at: Date
}

export const chatJson = (row: ChatRow): ChatMessage => ({
  id: String(row.id),
  from: { identity: row.sender_identity, name: row.sender_name },
  text: row.body,
  sentAt: row.sent_at.toISOString(),
})

// Characters as people count them (code points), as PostgreSQL's char_length does.
const length = (text: string) => [...text].length

/** Plain text, 1 to 2,000 characters; line breaks and tabs are fine, other control characters are not. */
export const chatTextSchema = v.pipe(
  v.string('must be a string'),
  v.check((text) => text.isWellFormed(), 'must be valid Unicode text'),
  v.check((text) => !/[\p{Cc}\u2028\u2029]/u.test(text.replace(/[\t\n\r]/g, '')), 'must not contain control characters'),
  v.trim(),
  v.check((text) => text.length > 0, 'must not be empty'),
  v.check((text) => length(text) <= 2000, 'must be at most 2000 characters'),
)
