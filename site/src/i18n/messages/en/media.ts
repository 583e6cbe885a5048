// Encryption, background effects and noise suppression (the room's scripts show these: they are sent
// to the browser with the room's messages). Keys start with `media.`.
export const media = {
  'media.effects': 'Effects',
  'media.none': 'None',
  // Starting an encrypted meeting (home page)
  'media.e2ee.option': 'End-to-end encrypted',
  'media.e2ee.optionHint':
    'Only people with the full invite link can see and hear the meeting; the key never reaches the server. Encrypted meetings cannot be recorded.',
  // In the meeting
  'media.e2ee.badge': 'End-to-end encrypted',
  'media.e2ee.missingKey': 'This meeting is end-to-end encrypted, and this link has no key. Open the full invite link you were sent (it ends with #key=…).',
  'media.e2ee.unsupported': 'This meeting is end-to-end encrypted, and this browser cannot encrypt video calls. Use a current Chrome, Edge, Firefox or Safari.',
  'media.e2ee.wrongKey':
    'The video and sound of this meeting cannot be decrypted: the key in your link does not match the meeting’s. Ask for the full invite link again and open it.',
  'media.e2ee.peerWrongKey': 'Cannot decrypt: joined with a different key',
  'media.e2ee.cannotDecrypt': 'Cannot decrypt',
  'media.e2ee.chatNote': 'Messages are end-to-end encrypted and not stored: people who join later do not see them.',
  'media.publishFailed': 'Your camera or microphone could not be sent to the meeting ({reason}). Turn it off and on again.',
  // Background effects
  'media.background.label': 'Background',
  'media.background.blur': 'Blur',
  'media.background.office': 'Office',
  'media.background.gradient': 'Gradient',
  'media.background.unsupported': 'Background effects do not run in this browser.',
  'media.background.failed': 'The background effect could not start; your camera is shown as it is.',
  // Noise suppression
  'media.noise.label': 'Noise suppression (RNNoise)',
  'media.noise.hint': 'Filters out keyboard, fan and street noise from your microphone.',
  'media.noise.unsupported': 'Noise suppression does not run in this browser; the browser’s own filter is used.',
} as const
