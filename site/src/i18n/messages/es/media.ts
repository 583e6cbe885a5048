import type { Catalog } from '../types.ts'
import type { media as english } from '../en/media.ts'

export const media: Catalog<typeof english> = {
  'media.effects': 'Efectos',
  'media.none': 'Ninguno',
  'media.e2ee.option': 'Cifrada de extremo a extremo',
  'media.e2ee.optionHint':
    'Solo quien tenga el enlace de invitación completo puede ver y oír la reunión; la clave nunca llega al servidor. Las reuniones cifradas no se pueden grabar.',
  'media.e2ee.badge': 'Cifrada de extremo a extremo',
  'media.e2ee.missingKey':
    'Esta reunión está cifrada de extremo a extremo y a este enlace le falta la clave. Abra el enlace de invitación completo que recibió (termina en #key=…).',
  'media.e2ee.unsupported':
    'Esta reunión está cifrada de extremo a extremo y este navegador no puede cifrar videollamadas. Use una versión actual de Chrome, Edge, Firefox o Safari.',
  'media.e2ee.wrongKey':
    'No se pueden descifrar la imagen y el sonido de esta reunión: la clave de su enlace no coincide con la de la reunión. Pida de nuevo el enlace de invitación completo y ábralo.',
  'media.e2ee.peerWrongKey': 'No se puede descifrar: se unió con otra clave',
  'media.e2ee.cannotDecrypt': 'No se puede descifrar',
  'media.e2ee.chatNote': 'Los mensajes están cifrados de extremo a extremo y no se guardan: quien se una más tarde no los verá.',
  'media.publishFailed': 'No se pudo enviar su cámara o micrófono a la reunión ({reason}). Apáguelo y vuelva a encenderlo.',
  'media.background.label': 'Fondo',
  'media.background.blur': 'Desenfoque',
  'media.background.office': 'Oficina',
  'media.background.gradient': 'Degradado',
  'media.background.unsupported': 'Los efectos de fondo no funcionan en este navegador.',
  'media.background.failed': 'No se pudo iniciar el efecto de fondo; su cámara se muestra tal cual.',
  'media.noise.label': 'Supresión de ruido (RNNoise)',
  'media.noise.hint': 'Elimina de su micrófono el ruido del teclado, del ventilador y de la calle.',
  'media.noise.unsupported': 'La supresión de ruido no funciona en este navegador; se usa el filtro propio del navegador.',
}
