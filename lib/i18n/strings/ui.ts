/**
 * Words of the pharmacist-facing UI: the history panel (in-page iframe and
 * side panel alike) and the INSZ field, with the badge's and the in-page
 * frame's words from overlay.ts (kept apart for the content script). Status
 * and failure-reason words come from `common.ts` (shared with the options
 * page); this file does not repeat them.
 */
import type { InszError } from '../../identifiers/insz.ts';
import type { LineWarning, RegistrationState } from '../../vaccination.ts';
import { defineStrings, mergeStrings } from '../translate.ts';
import { overlayStrings } from './overlay.ts';

/** The panels' words (the in-page panel and the side panel). */
const panelStrings = defineStrings(
  {
    'panel.title': 'Vaccination history',
    'panel.patient': 'Patient {label}',
    'panel.loading': 'Looking up the vaccination history…',
    'panel.idle': 'No patient selected.',
    'panel.fetchedAt': 'Data from {date} at {time}',
    'panel.staleNotice': 'Shown from cache, fetched {age}: the companion app cannot be reached.',
    'panel.hubFailures': 'Not every hub answered; the lines below may be incomplete:',
    'panel.hubFailuresInfo': 'Not every hub knows this patient:',
    'panel.ownOnly': 'Only this pharmacy’s own registrations can be shown.',
    'panel.parseFailures': 'Registrations that could not be read and are not shown: {n}',
    'panel.errorNoData': 'No vaccination history can be shown.',
    'panel.refresh': 'Ask Vaccicard again',

    'block.flu': 'Flu, season {season}',
    'block.covid': 'Covid-19, since {date}',
    'block.other': 'Earlier seasons and other vaccines ({n})',
    'block.flu.empty': 'No flu vaccination found this season.',
    'block.covid.empty': 'No covid vaccination found since {date}.',
    'block.other.empty': 'No earlier or other vaccinations found.',
    'block.unknown': 'Nothing from Vaccicard: it could not be consulted.',

    'summary.fluThisSeason': 'Already vaccinated against flu this season.',
    'summary.lastCovid': 'Last covid dose on {date}, {days} ago.',
    'summary.lastCovidToday': 'Last covid dose today ({date}).',
    'days.one': '1 day',
    'days.many': '{n} days',

    'line.own': 'Registered by this pharmacy',
    'line.others': 'Registered by another care provider',
    'line.confirmed': 'Confirmed in Vaccicard',
    'line.cnk': 'CNK',
    'line.noCnk': 'no CNK',
    'line.noName': 'vaccine name unknown',
    'line.riziv': 'RIZIV',
    'line.noRiziv': 'vaccinator unknown',
    'line.source': 'Source',
    'line.lot': 'lot {lot}',

    'riziv.link': 'Look up RIZIV number {riziv} in the RIZIV silverpages (opens a new tab)',
    'riziv.copy': 'Copy',
    'riziv.copyLabel': 'Copy RIZIV number {riziv}',
    'riziv.copied': 'Copied',
    'riziv.copyFailed': 'Could not copy: select the number by hand',

    'registration.pending': 'Registration waiting to be sent',
    'registration.sent': 'Registration sent, waiting for Vaccicard',
    'registration.confirmed': 'Registration confirmed',
    'registration.rejected': 'Registration rejected',
    'registration.withdrawn': 'Registration withdrawn',

    'warning.cnk-check-failed': 'CNK {cnk} fails its check digit: verify the product',
    'warning.riziv-check-failed': 'RIZIV number {riziv} fails its check digits',
    'warning.flu-already-this-season': 'Another flu vaccination this season',

    'vaccinnet.note':
      'Registrations by Flemish care providers (Vaccinnet) are not included yet. For the full record, see:',
    'vaccinnet.rsw': 'Réseau Santé Wallon',
    'vaccinnet.rsb': 'Brussels Health Network',
    'vaccinnet.vaccinnet': 'Vaccinnet',

    'sidepanel.title': 'Look up a patient',
    'insz.label': 'INSZ number of the patient',
    'insz.hint': '11 digits; dots, dashes and spaces are allowed, e.g. 85.07.30-033.28',
    'insz.submit': 'Look up',
    'insz.clear': 'Clear',
    'insz.error.empty': 'Type the patient’s INSZ number.',
    'insz.error.invalid-characters': 'An INSZ number contains only digits (dots, dashes and spaces are allowed).',
    'insz.error.wrong-length': 'An INSZ number has 11 digits; this one has {n}.',
    'insz.error.bad-check-digits':
      'The last two digits (the check digits) do not match the first nine: there is a typing error.',
    'insz.error.impossible-date': 'The first six digits are not a possible birth date.',
    'insz.notSent': 'Nothing was sent.',
  },
  {
    nl: {
      'panel.title': 'Vaccinatiegeschiedenis',
      'panel.patient': 'Patiënt {label}',
      'panel.loading': 'De vaccinatiegeschiedenis wordt opgezocht…',
      'panel.idle': 'Geen patiënt gekozen.',
      'panel.fetchedAt': 'Gegevens van {date} om {time}',
      'panel.staleNotice': 'Getoond uit de cache, opgehaald {age}: de companion-app is niet bereikbaar.',
      'panel.hubFailures': 'Niet elke hub antwoordde; de lijnen hieronder kunnen onvolledig zijn:',
      'panel.hubFailuresInfo': 'Niet elke hub kent deze patiënt:',
      'panel.ownOnly': 'Alleen de eigen registraties van deze apotheek kunnen getoond worden.',
      'panel.parseFailures': 'Registraties die niet gelezen konden worden en niet getoond worden: {n}',
      'panel.errorNoData': 'Er kan geen vaccinatiegeschiedenis getoond worden.',
      'panel.refresh': 'Vaccicard opnieuw raadplegen',

      'block.flu': 'Griep, seizoen {season}',
      'block.covid': 'Covid-19, sinds {date}',
      'block.other': 'Vorige seizoenen en andere vaccins ({n})',
      'block.flu.empty': 'Geen griepvaccinatie gevonden dit seizoen.',
      'block.covid.empty': 'Geen covidvaccinatie gevonden sinds {date}.',
      'block.other.empty': 'Geen vroegere of andere vaccinaties gevonden.',
      'block.unknown': 'Niets uit Vaccicard: het kon niet geraadpleegd worden.',

      'summary.fluThisSeason': 'Dit seizoen al gevaccineerd tegen griep.',
      'summary.lastCovid': 'Laatste covid-dosis op {date}, {days} geleden.',
      'summary.lastCovidToday': 'Laatste covid-dosis vandaag ({date}).',
      'days.one': '1 dag',
      'days.many': '{n} dagen',

      'line.own': 'Geregistreerd door deze apotheek',
      'line.others': 'Geregistreerd door een andere zorgverlener',
      'line.confirmed': 'Bevestigd in Vaccicard',
      'line.cnk': 'CNK',
      'line.noCnk': 'geen CNK',
      'line.noName': 'vaccinnaam onbekend',
      'line.riziv': 'RIZIV',
      'line.noRiziv': 'vaccinator onbekend',
      'line.source': 'Bron',
      'line.lot': 'lot {lot}',

      'riziv.link': 'RIZIV-nummer {riziv} opzoeken in de RIZIV-zilveren pagina’s (opent een nieuw tabblad)',
      'riziv.copy': 'Kopiëren',
      'riziv.copyLabel': 'RIZIV-nummer {riziv} kopiëren',
      'riziv.copied': 'Gekopieerd',
      'riziv.copyFailed': 'Kopiëren mislukt: selecteer het nummer met de hand',

      'registration.pending': 'Registratie wacht om verzonden te worden',
      'registration.sent': 'Registratie verzonden, wacht op Vaccicard',
      'registration.confirmed': 'Registratie bevestigd',
      'registration.rejected': 'Registratie geweigerd',
      'registration.withdrawn': 'Registratie ingetrokken',

      'warning.cnk-check-failed': 'CNK {cnk} heeft een fout controlecijfer: controleer het product',
      'warning.riziv-check-failed': 'RIZIV-nummer {riziv} heeft foute controlecijfers',
      'warning.flu-already-this-season': 'Nog een griepvaccinatie dit seizoen',

      'vaccinnet.note':
        'Registraties door Vlaamse zorgverleners (Vaccinnet) zijn nog niet opgenomen. Het volledige dossier vindt u via:',
      'vaccinnet.rsw': 'Réseau Santé Wallon',
      'vaccinnet.rsb': 'Brussels Gezondheidsnetwerk',
      'vaccinnet.vaccinnet': 'Vaccinnet',

      'sidepanel.title': 'Een patiënt opzoeken',
      'insz.label': 'INSZ-nummer van de patiënt',
      'insz.hint': '11 cijfers; punten, streepjes en spaties mogen, bv. 85.07.30-033.28',
      'insz.submit': 'Opzoeken',
      'insz.clear': 'Wissen',
      'insz.error.empty': 'Typ het INSZ-nummer van de patiënt.',
      'insz.error.invalid-characters': 'Een INSZ-nummer bevat alleen cijfers (punten, streepjes en spaties mogen).',
      'insz.error.wrong-length': 'Een INSZ-nummer heeft 11 cijfers; dit heeft er {n}.',
      'insz.error.bad-check-digits':
        'De laatste twee cijfers (controlecijfers) passen niet bij de eerste negen: er is een tikfout.',
      'insz.error.impossible-date': 'De eerste zes cijfers zijn geen mogelijke geboortedatum.',
      'insz.notSent': 'Er werd niets verzonden.',
    },
    fr: {
      'panel.title': 'Historique de vaccination',
      'panel.patient': 'Patient {label}',
      'panel.loading': 'Recherche de l’historique de vaccination…',
      'panel.idle': 'Aucun patient choisi.',
      'panel.fetchedAt': 'Données du {date} à {time}',
      'panel.staleNotice': 'Affiché depuis le cache, obtenu {age} : l’application compagnon est injoignable.',
      'panel.hubFailures': 'Tous les hubs n’ont pas répondu ; les lignes ci-dessous peuvent être incomplètes :',
      'panel.hubFailuresInfo': 'Tous les hubs ne connaissent pas ce patient :',
      'panel.ownOnly': 'Seuls les enregistrements de cette pharmacie peuvent être affichés.',
      'panel.parseFailures': 'Enregistrements illisibles, non affichés : {n}',
      'panel.errorNoData': 'Aucun historique de vaccination ne peut être affiché.',
      'panel.refresh': 'Consulter Vaccicard à nouveau',

      'block.flu': 'Grippe, saison {season}',
      'block.covid': 'Covid-19, depuis le {date}',
      'block.other': 'Saisons précédentes et autres vaccins ({n})',
      'block.flu.empty': 'Aucune vaccination contre la grippe cette saison.',
      'block.covid.empty': 'Aucune vaccination covid depuis le {date}.',
      'block.other.empty': 'Aucune vaccination antérieure ou autre.',
      'block.unknown': 'Rien de Vaccicard : il n’a pas pu être consulté.',

      'summary.fluThisSeason': 'Déjà vacciné contre la grippe cette saison.',
      'summary.lastCovid': 'Dernière dose covid le {date}, il y a {days}.',
      'summary.lastCovidToday': 'Dernière dose covid aujourd’hui ({date}).',
      'days.one': '1 jour',
      'days.many': '{n} jours',

      'line.own': 'Enregistré par cette pharmacie',
      'line.others': 'Enregistré par un autre prestataire de soins',
      'line.confirmed': 'Confirmé dans Vaccicard',
      'line.cnk': 'CNK',
      'line.noCnk': 'pas de CNK',
      'line.noName': 'nom du vaccin inconnu',
      'line.riziv': 'INAMI',
      'line.noRiziv': 'vaccinateur inconnu',
      'line.source': 'Source',
      'line.lot': 'lot {lot}',

      'riziv.link': 'Rechercher le numéro INAMI {riziv} dans les pages argentées de l’INAMI (nouvel onglet)',
      'riziv.copy': 'Copier',
      'riziv.copyLabel': 'Copier le numéro INAMI {riziv}',
      'riziv.copied': 'Copié',
      'riziv.copyFailed': 'Copie impossible : sélectionnez le numéro à la main',

      'registration.pending': 'Enregistrement en attente d’envoi',
      'registration.sent': 'Enregistrement envoyé, en attente de Vaccicard',
      'registration.confirmed': 'Enregistrement confirmé',
      'registration.rejected': 'Enregistrement refusé',
      'registration.withdrawn': 'Enregistrement retiré',

      'warning.cnk-check-failed': 'Le chiffre de contrôle du CNK {cnk} est faux : vérifiez le produit',
      'warning.riziv-check-failed': 'Les chiffres de contrôle du numéro INAMI {riziv} sont faux',
      'warning.flu-already-this-season': 'Autre vaccination contre la grippe cette saison',

      'vaccinnet.note':
        'Les enregistrements des prestataires flamands (Vaccinnet) ne sont pas encore inclus. Dossier complet via :',
      'vaccinnet.rsw': 'Réseau Santé Wallon',
      'vaccinnet.rsb': 'Réseau Santé Bruxellois',
      'vaccinnet.vaccinnet': 'Vaccinnet',

      'sidepanel.title': 'Rechercher un patient',
      'insz.label': 'Numéro NISS du patient',
      'insz.hint': '11 chiffres ; points, tirets et espaces acceptés, p. ex. 85.07.30-033.28',
      'insz.submit': 'Rechercher',
      'insz.clear': 'Effacer',
      'insz.error.empty': 'Tapez le numéro NISS du patient.',
      'insz.error.invalid-characters':
        'Un numéro NISS ne contient que des chiffres (points, tirets et espaces acceptés).',
      'insz.error.wrong-length': 'Un numéro NISS a 11 chiffres ; celui-ci en a {n}.',
      'insz.error.bad-check-digits':
        'Les deux derniers chiffres (chiffres de contrôle) ne correspondent pas aux neuf premiers : il y a une faute de frappe.',
      'insz.error.impossible-date': 'Les six premiers chiffres ne sont pas une date de naissance possible.',
      'insz.notSent': 'Rien n’a été envoyé.',
    },
    de: {
      'panel.title': 'Impfverlauf',
      'panel.patient': 'Patient {label}',
      'panel.loading': 'Der Impfverlauf wird abgefragt…',
      'panel.idle': 'Kein Patient ausgewählt.',
      'panel.fetchedAt': 'Daten vom {date} um {time}',
      'panel.staleNotice': 'Aus dem Cache angezeigt, abgerufen {age}: die Companion-App ist nicht erreichbar.',
      'panel.hubFailures': 'Nicht jeder Hub hat geantwortet; die Zeilen unten können unvollständig sein:',
      'panel.hubFailuresInfo': 'Nicht jeder Hub kennt diesen Patienten:',
      'panel.ownOnly': 'Nur die eigenen Registrierungen dieser Apotheke können angezeigt werden.',
      'panel.parseFailures': 'Nicht lesbare und nicht angezeigte Registrierungen: {n}',
      'panel.errorNoData': 'Es kann kein Impfverlauf angezeigt werden.',
      'panel.refresh': 'Vaccicard erneut abfragen',

      'block.flu': 'Grippe, Saison {season}',
      'block.covid': 'Covid-19, seit {date}',
      'block.other': 'Frühere Saisons und andere Impfstoffe ({n})',
      'block.flu.empty': 'Keine Grippeimpfung in dieser Saison gefunden.',
      'block.covid.empty': 'Keine Covid-Impfung seit {date} gefunden.',
      'block.other.empty': 'Keine früheren oder anderen Impfungen gefunden.',
      'block.unknown': 'Nichts aus Vaccicard: es konnte nicht abgefragt werden.',

      'summary.fluThisSeason': 'In dieser Saison bereits gegen Grippe geimpft.',
      'summary.lastCovid': 'Letzte Covid-Dosis am {date}, vor {days}.',
      'summary.lastCovidToday': 'Letzte Covid-Dosis heute ({date}).',
      'days.one': '1 Tag',
      'days.many': '{n} Tagen',

      'line.own': 'Von dieser Apotheke registriert',
      'line.others': 'Von einem anderen Leistungserbringer registriert',
      'line.confirmed': 'In Vaccicard bestätigt',
      'line.cnk': 'CNK',
      'line.noCnk': 'keine CNK',
      'line.noName': 'Impfstoffname unbekannt',
      'line.riziv': 'LIKIV',
      'line.noRiziv': 'Impfender unbekannt',
      'line.source': 'Quelle',
      'line.lot': 'Charge {lot}',

      'riziv.link': 'LIKIV-Nummer {riziv} in den Silberseiten des LIKIV suchen (neuer Tab)',
      'riziv.copy': 'Kopieren',
      'riziv.copyLabel': 'LIKIV-Nummer {riziv} kopieren',
      'riziv.copied': 'Kopiert',
      'riziv.copyFailed': 'Kopieren nicht möglich: Nummer von Hand markieren',

      'registration.pending': 'Registrierung wartet auf den Versand',
      'registration.sent': 'Registrierung gesendet, wartet auf Vaccicard',
      'registration.confirmed': 'Registrierung bestätigt',
      'registration.rejected': 'Registrierung abgelehnt',
      'registration.withdrawn': 'Registrierung zurückgezogen',

      'warning.cnk-check-failed': 'Die Prüfziffer der CNK {cnk} stimmt nicht: Produkt prüfen',
      'warning.riziv-check-failed': 'Die Prüfziffern der LIKIV-Nummer {riziv} stimmen nicht',
      'warning.flu-already-this-season': 'Weitere Grippeimpfung in dieser Saison',

      'vaccinnet.note':
        'Registrierungen flämischer Leistungserbringer (Vaccinnet) sind noch nicht enthalten. Die vollständige Akte finden Sie über:',
      'vaccinnet.rsw': 'Réseau Santé Wallon',
      'vaccinnet.rsb': 'Brüsseler Gesundheitsnetzwerk',
      'vaccinnet.vaccinnet': 'Vaccinnet',

      'sidepanel.title': 'Einen Patienten suchen',
      'insz.label': 'Nationalregisternummer (INSZ) des Patienten',
      'insz.hint': '11 Ziffern; Punkte, Bindestriche und Leerzeichen sind erlaubt, z. B. 85.07.30-033.28',
      'insz.submit': 'Suchen',
      'insz.clear': 'Leeren',
      'insz.error.empty': 'Geben Sie die Nationalregisternummer des Patienten ein.',
      'insz.error.invalid-characters':
        'Eine Nationalregisternummer enthält nur Ziffern (Punkte, Bindestriche und Leerzeichen sind erlaubt).',
      'insz.error.wrong-length': 'Eine Nationalregisternummer hat 11 Ziffern; diese hat {n}.',
      'insz.error.bad-check-digits':
        'Die letzten zwei Ziffern (Prüfziffern) passen nicht zu den ersten neun: ein Tippfehler.',
      'insz.error.impossible-date': 'Die ersten sechs Ziffern sind kein mögliches Geburtsdatum.',
      'insz.notSent': 'Es wurde nichts gesendet.',
    },
  },
);

/** Every UI word: the page overlay's (overlay.ts, all the content script needs) and the panels'. */
export const uiStrings = mergeStrings(overlayStrings, panelStrings);

export type UiKey = keyof (typeof uiStrings)['en'];

export function inszErrorKey(reason: InszError): `insz.error.${InszError}` {
  return `insz.error.${reason}`;
}

export function registrationKey(state: RegistrationState): `registration.${RegistrationState}` {
  return `registration.${state}`;
}

export function warningKey(kind: LineWarning['kind']): `warning.${LineWarning['kind']}` {
  return `warning.${kind}`;
}
