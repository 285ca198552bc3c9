/**
 * Words shared by every UI (badge, in-page panel, side panel, options page):
 * the lookup status, the reasons a lookup failed (BadgeReason), hub names and
 * the age of a cached answer. Import `commonStrings` with `translator()` and
 * use `reasonKey()` / `statusKey()` / `ageText()` rather than building keys.
 */
import type { HubId } from '../../vaccination.ts';
import type { BadgeReason, LookupStatus } from '../../messages.ts';
import { defineStrings, type Translate } from '../translate.ts';

export const commonStrings = defineStrings(
  {
    'app.vaccicard': 'Vaccicard',
    'status.idle': 'No patient on this page',
    'status.loading': 'Querying Vaccicard…',
    'status.ok': 'Vaccicard consulted',
    'status.okStale': 'Vaccicard consulted {age}, shown from cache: the companion cannot be reached',
    'status.error': 'Vaccicard could not be consulted: {reason}',
    'status.errorHub': 'Only {hub} could not be consulted: {reason}',
    'reason.no-consent': 'the patient has not given consent (eHealth)',
    'reason.no-relation': 'no therapeutic relation with this patient',
    'reason.excluded': 'the patient has excluded you',
    'reason.patient-unknown': 'patient unknown to the hub',
    'reason.companion-down': 'the companion app is not running',
    'reason.not-paired': 'the extension is not paired with the companion app',
    'reason.timeout': 'the hub did not answer in time',
    'reason.hub-error': 'the hub returned an error',
    'reason.invalid-insz': 'the INSZ number is not valid',
    'reason.page-not-recognised': 'this page was not recognised',
    'hub.rsw': 'Réseau Santé Wallon (RSW)',
    'hub.rsb': 'Brussels Health Network (RSB)',
    'age.justNow': 'just now',
    'age.minutes': '{n} min ago',
    'age.hours': '{n} h ago',
    'age.days': '{n} days ago',
    'cache.unavailable': 'The local cache is unavailable: answers are not kept and every lookup asks the hubs',
  },
  {
    nl: {
      'app.vaccicard': 'Vaccicard',
      'status.idle': 'Geen patiënt op deze pagina',
      'status.loading': 'Vaccicard wordt geraadpleegd…',
      'status.ok': 'Vaccicard geraadpleegd',
      'status.okStale': 'Vaccicard geraadpleegd {age}, getoond uit de cache: de companion-app is niet bereikbaar',
      'status.error': 'Vaccicard kon niet geraadpleegd worden: {reason}',
      'status.errorHub': 'Alleen {hub} kon niet geraadpleegd worden: {reason}',
      'reason.no-consent': 'de patiënt heeft geen toestemming gegeven (eHealth)',
      'reason.no-relation': 'geen therapeutische relatie met deze patiënt',
      'reason.excluded': 'de patiënt heeft u uitgesloten',
      'reason.patient-unknown': 'patiënt onbekend bij de hub',
      'reason.companion-down': 'de companion-app draait niet',
      'reason.not-paired': 'de extensie is niet gekoppeld aan de companion-app',
      'reason.timeout': 'de hub antwoordde niet op tijd',
      'reason.hub-error': 'de hub gaf een fout terug',
      'reason.invalid-insz': 'het INSZ-nummer is niet geldig',
      'reason.page-not-recognised': 'deze pagina werd niet herkend',
      'hub.rsw': 'Réseau Santé Wallon (RSW)',
      'hub.rsb': 'Brussels Gezondheidsnetwerk (RSB)',
      'age.justNow': 'zonet',
      'age.minutes': '{n} min geleden',
      'age.hours': '{n} u geleden',
      'age.days': '{n} dagen geleden',
      'cache.unavailable':
        'De lokale cache is niet beschikbaar: antwoorden worden niet bewaard en elke opzoeking vraagt de hubs',
    },
    fr: {
      'app.vaccicard': 'Vaccicard',
      'status.idle': 'Aucun patient sur cette page',
      'status.loading': 'Consultation de Vaccicard…',
      'status.ok': 'Vaccicard consulté',
      'status.okStale': "Vaccicard consulté {age}, affiché depuis le cache : l'application compagnon est injoignable",
      'status.error': "Vaccicard n'a pas pu être consulté : {reason}",
      'status.errorHub': "Seul {hub} n'a pas pu être consulté : {reason}",
      'reason.no-consent': "le patient n'a pas donné son consentement (eHealth)",
      'reason.no-relation': 'pas de relation thérapeutique avec ce patient',
      'reason.excluded': 'le patient vous a exclu',
      'reason.patient-unknown': 'patient inconnu du hub',
      'reason.companion-down': "l'application compagnon ne fonctionne pas",
      'reason.not-paired': "l'extension n'est pas appairée avec l'application compagnon",
      'reason.timeout': "le hub n'a pas répondu à temps",
      'reason.hub-error': 'le hub a renvoyé une erreur',
      'reason.invalid-insz': "le numéro NISS n'est pas valide",
      'reason.page-not-recognised': "cette page n'a pas été reconnue",
      'hub.rsw': 'Réseau Santé Wallon (RSW)',
      'hub.rsb': 'Réseau Santé Bruxellois (RSB)',
      'age.justNow': "à l'instant",
      'age.minutes': 'il y a {n} min',
      'age.hours': 'il y a {n} h',
      'age.days': 'il y a {n} jours',
      'cache.unavailable':
        "Le cache local n'est pas disponible : les réponses ne sont pas conservées et chaque recherche interroge les hubs",
    },
    de: {
      'app.vaccicard': 'Vaccicard',
      'status.idle': 'Kein Patient auf dieser Seite',
      'status.loading': 'Vaccicard wird abgefragt…',
      'status.ok': 'Vaccicard abgefragt',
      'status.okStale': 'Vaccicard {age} abgefragt, aus dem Cache angezeigt: die Companion-App ist nicht erreichbar',
      'status.error': 'Vaccicard konnte nicht abgefragt werden: {reason}',
      'status.errorHub': 'Nur {hub} konnte nicht abgefragt werden: {reason}',
      'reason.no-consent': 'der Patient hat keine Einwilligung erteilt (eHealth)',
      'reason.no-relation': 'keine therapeutische Beziehung zu diesem Patienten',
      'reason.excluded': 'der Patient hat Sie ausgeschlossen',
      'reason.patient-unknown': 'Patient beim Hub unbekannt',
      'reason.companion-down': 'die Companion-App läuft nicht',
      'reason.not-paired': 'die Erweiterung ist nicht mit der Companion-App gekoppelt',
      'reason.timeout': 'der Hub hat nicht rechtzeitig geantwortet',
      'reason.hub-error': 'der Hub hat einen Fehler gemeldet',
      'reason.invalid-insz': 'die Nationalregisternummer (INSZ) ist ungültig',
      'reason.page-not-recognised': 'diese Seite wurde nicht erkannt',
      'hub.rsw': 'Réseau Santé Wallon (RSW)',
      'hub.rsb': 'Brüsseler Gesundheitsnetzwerk (RSB)',
      'age.justNow': 'gerade eben',
      'age.minutes': 'vor {n} Min.',
      'age.hours': 'vor {n} Std.',
      'age.days': 'vor {n} Tagen',
      'cache.unavailable':
        'Der lokale Cache ist nicht verfügbar: Antworten werden nicht gespeichert und jede Abfrage geht an die Hubs',
    },
  },
);

export type CommonKey = keyof (typeof commonStrings)['en'];

export function reasonKey(reason: BadgeReason): `reason.${BadgeReason}` {
  return `reason.${reason}`;
}

export function hubKey(hub: HubId): `hub.${HubId}` {
  return `hub.${hub}`;
}

/** `3 min ago` / `il y a 2 h`: how old a cached answer is. */
export function ageText(t: Translate<CommonKey>, ageMs: number): string {
  const minutes = Math.floor(Math.max(0, ageMs) / 60_000);
  if (minutes < 1) return t('age.justNow');
  if (minutes < 60) return t('age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('age.hours', { n: hours });
  return t('age.days', { n: Math.floor(hours / 24) });
}

/** One sentence for a lookup status (badge tooltip, screen-reader announcement, side panel). */
export function statusText(t: Translate<CommonKey>, status: LookupStatus): string {
  switch (status.state) {
    case 'idle':
      return t('status.idle');
    case 'loading':
      return t('status.loading');
    case 'ok':
      return status.stale ? t('status.okStale', { age: ageText(t, status.stale.ageMs) }) : t('status.ok');
    case 'error': {
      const reason = t(reasonKey(status.reason));
      return status.hub
        ? t('status.errorHub', { hub: t(hubKey(status.hub)), reason })
        : t('status.error', { reason });
    }
  }
}
