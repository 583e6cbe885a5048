import type { Catalog } from '../types.ts'
import { room as english } from '../en/room.ts'

// TODO(i18n): translated in the next commit; English until then.
export const room: Catalog<typeof english> = { ...english }
