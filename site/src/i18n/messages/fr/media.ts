import type { Catalog } from '../types.ts'
import type { media as english } from '../en/media.ts'

export const media: Catalog<typeof english> = {
  'media.effects': 'Effets',
  'media.none': 'Aucun',
  'media.e2ee.option': 'Chiffrée de bout en bout',
  'media.e2ee.optionHint':
    'Seules les personnes qui ont le lien d’invitation complet voient et entendent la réunion ; la clé n’atteint jamais le serveur. Les réunions chiffrées ne peuvent pas être enregistrées.',
  'media.e2ee.badge': 'Chiffrée de bout en bout',
  'media.e2ee.missingKey':
    'Cette réunion est chiffrée de bout en bout et ce lien ne contient pas de clé. Ouvrez le lien d’invitation complet que vous avez reçu (il se termine par #key=…).',
  'media.e2ee.unsupported':
    'Cette réunion est chiffrée de bout en bout et ce navigateur ne sait pas chiffrer les appels vidéo. Utilisez une version récente de Chrome, Edge, Firefox ou Safari.',
  'media.e2ee.wrongKey':
    'L’image et le son de cette réunion ne peuvent pas être déchiffrés : la clé de votre lien ne correspond pas à celle de la réunion. Redemandez le lien d’invitation complet et ouvrez-le.',
  'media.e2ee.peerWrongKey': 'Indéchiffrable : a rejoint avec une autre clé',
  'media.e2ee.cannotDecrypt': 'Indéchiffrable',
  'media.e2ee.chatNote': 'Les messages sont chiffrés de bout en bout et ne sont pas conservés : les personnes qui arrivent plus tard ne les voient pas.',
  'media.publishFailed': 'Votre caméra ou votre micro n’a pas pu être envoyé à la réunion ({reason}). Coupez-le puis rallumez-le.',
  'media.background.label': 'Arrière-plan',
  'media.background.blur': 'Flou',
  'media.background.office': 'Bureau',
  'media.background.gradient': 'Dégradé',
  'media.background.unsupported': 'Les effets d’arrière-plan ne fonctionnent pas dans ce navigateur.',
  'media.background.failed': 'L’effet d’arrière-plan n’a pas pu démarrer ; votre caméra est montrée telle quelle.',
  'media.noise.label': 'Réduction du bruit (RNNoise)',
  'media.noise.hint': 'Retire de votre micro les bruits de clavier, de ventilateur et de rue.',
  'media.noise.unsupported': 'La réduction du bruit ne fonctionne pas dans ce navigateur ; le filtre du navigateur est utilisé.',
}
