/**
 * The words the e-Form content script shows on the host page: the badge
 * (with the status words of common.ts) and the in-page panel frame's title
 * and hide/show toggle. Apart from ui.ts (which includes them) so the content
 * script does not carry the panels' words.
 */
import { defineStrings } from '../translate.ts';

export const overlayStrings = defineStrings(
  {
    'badge.region': 'Vaccicard status',
    'badge.stale': 'stale, {age}',
    'badge.hubFailed': '{hub}: {reason}',
    'hubShort.rsw': 'RSW',
    'hubShort.rsb': 'RSB',

    'frame.title': 'Vaccination history from Vaccicard',
    'frame.hide': 'Hide history',
    'frame.show': 'Show history',
  },
  {
    nl: {
      'badge.region': 'Vaccicard-status',
      'badge.stale': 'verouderd, {age}',
      'badge.hubFailed': '{hub}: {reason}',
      'hubShort.rsw': 'RSW',
      'hubShort.rsb': 'RSB',

      'frame.title': 'Vaccinatiegeschiedenis uit Vaccicard',
      'frame.hide': 'Geschiedenis verbergen',
      'frame.show': 'Geschiedenis tonen',
    },
    fr: {
      'badge.region': 'Statut Vaccicard',
      'badge.stale': 'pas à jour, {age}',
      'badge.hubFailed': '{hub} : {reason}',
      'hubShort.rsw': 'RSW',
      'hubShort.rsb': 'RSB',

      'frame.title': 'Historique de vaccination Vaccicard',
      'frame.hide': 'Masquer l’historique',
      'frame.show': 'Afficher l’historique',
    },
    de: {
      'badge.region': 'Vaccicard-Status',
      'badge.stale': 'veraltet, {age}',
      'badge.hubFailed': '{hub}: {reason}',
      'hubShort.rsw': 'RSW',
      'hubShort.rsb': 'RSB',

      'frame.title': 'Impfverlauf aus Vaccicard',
      'frame.hide': 'Verlauf ausblenden',
      'frame.show': 'Verlauf anzeigen',
    },
  },
);

export type OverlayKey = keyof (typeof overlayStrings)['en'];
