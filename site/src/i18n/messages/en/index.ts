import { site } from './site.ts'
import { room } from './room.ts'
import { media } from './media.ts'

/** Everything the site shows; `room` and `media` are also sent to the room's scripts. */
export const en = { ...site, ...room, ...media } as const
export const enClient = { ...room, ...media } as const
