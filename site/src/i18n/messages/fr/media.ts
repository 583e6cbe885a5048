import type { Catalog } from '../types.ts'
import type { media as english } from '../en/media.ts'

export const media: Catalog<typeof english> = {
  'media.none': 'Aucun',
}
