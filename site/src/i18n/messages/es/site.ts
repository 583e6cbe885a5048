import type { Catalog } from '../types.ts'
import { site as english } from '../en/site.ts'

// TODO(i18n): translated in the next commit; English until then.
export const site: Catalog<typeof english> = { ...english }
