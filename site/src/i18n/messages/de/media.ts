import type { Catalog } from '../types.ts'
import type { media as english } from '../en/media.ts'

export const media: Catalog<typeof english> = {
  'media.effects': 'Effekte',
  'media.none': 'Keine',
  'media.e2ee.option': 'Ende-zu-Ende-verschlüsselt',
  'media.e2ee.optionHint':
    'Nur wer den vollständigen Einladungslink hat, kann die Besprechung sehen und hören; der Schlüssel erreicht nie den Server. Verschlüsselte Besprechungen können nicht aufgezeichnet werden.',
  'media.e2ee.badge': 'Ende-zu-Ende-verschlüsselt',
  'media.e2ee.missingKey':
    'Diese Besprechung ist Ende-zu-Ende-verschlüsselt, und in diesem Link fehlt der Schlüssel. Öffnen Sie den vollständigen Einladungslink, den Sie erhalten haben (er endet mit #key=…).',
  'media.e2ee.unsupported':
    'Diese Besprechung ist Ende-zu-Ende-verschlüsselt, und dieser Browser kann Videoanrufe nicht verschlüsseln. Verwenden Sie ein aktuelles Chrome, Edge, Firefox oder Safari.',
  'media.e2ee.wrongKey':
    'Bild und Ton dieser Besprechung lassen sich nicht entschlüsseln: Der Schlüssel in Ihrem Link passt nicht zu dem der Besprechung. Lassen Sie sich den vollständigen Einladungslink erneut schicken und öffnen Sie ihn.',
  'media.e2ee.peerWrongKey': 'Nicht entschlüsselbar: mit einem anderen Schlüssel beigetreten',
  'media.e2ee.cannotDecrypt': 'Nicht entschlüsselbar',
  'media.e2ee.chatNote': 'Nachrichten sind Ende-zu-Ende-verschlüsselt und werden nicht gespeichert: Wer später beitritt, sieht sie nicht.',
  'media.publishFailed': 'Ihre Kamera oder Ihr Mikrofon konnte nicht an die Besprechung gesendet werden ({reason}). Schalten Sie es aus und wieder ein.',
  'media.background.label': 'Hintergrund',
  'media.background.blur': 'Weichzeichnen',
  'media.background.office': 'Büro',
  'media.background.gradient': 'Farbverlauf',
  'media.background.unsupported': 'Hintergrundeffekte laufen in diesem Browser nicht.',
  'media.background.failed': 'Der Hintergrundeffekt konnte nicht starten; Ihre Kamera wird unverändert gezeigt.',
  'media.noise.label': 'Rauschunterdrückung (RNNoise)',
  'media.noise.hint': 'Filtert Tastatur-, Lüfter- und Straßengeräusche aus Ihrem Mikrofon.',
  'media.noise.unsupported': 'Die Rauschunterdrückung läuft in diesem Browser nicht; der eigene Filter des Browsers wird verwendet.',
}
