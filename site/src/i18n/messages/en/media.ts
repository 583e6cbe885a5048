// Encryption, background effects and noise suppression (the room's scripts show these: they are sent
// to the browser with the room's messages). Keys start with `media.`.
export const media = {
  'media.none': 'None',
} as const
