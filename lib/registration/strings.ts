/**
 * Words for registration issues and pre-send warnings, in nl, fr, de and en.
 * Use `issueText` / `warningText` rather than building keys.
 */
import { defineStrings, type Translate } from '../i18n/translate.ts';
import { DEFAULT_MAX_AGE_DAYS } from './check.ts';
import type { RegistrationIssue, RegistrationIssueReason } from './reasons.ts';
import type { RegistrationWarning } from './warnings.ts';

export const registrationStrings = defineStrings(
  {
    'issue.required': 'required',
    'issue.wrong-type': 'not the expected kind of value',
    'issue.unknown-field': 'not a field of a registration',
    'issue.too-long': 'too long',
    'issue.invalid-characters': 'contains characters that cannot be sent (control characters or a line break)',
    'issue.invalid-insz': 'not a valid INSZ number',
    'issue.date-before-birth': 'before the patient’s date of birth',
    'issue.invalid-date': 'not a valid date',
    'issue.date-in-future': 'cannot be in the future',
    'issue.date-too-old': 'too long ago: more than {days} days before today',
    'issue.invalid-cnk': 'not a CNK code',
    'issue.cnk-check-digit': 'the CNK code has a wrong check digit: check the number on the box',
    'issue.disease-conflicts-with-catalog': 'does not match the vaccine of this CNK',
    'issue.disease-conflicts-with-name': 'does not match the vaccine name (the name reads as another disease)',
    'issue.not-allowed-value': 'not an allowed value',
    'issue.quantity-not-positive': 'must be more than 0',
    'issue.quantity-too-large': 'too large',
    'issue.quantity-too-precise': 'at most 3 decimals',
    'issue.lot-required-for-covid': 'the lot number is mandatory for a covid-19 vaccination',
    'issue.adverse-events-not-allowed-for-covid': 'adverse events cannot be sent with a covid-19 vaccination',
    'issue.invalid-riziv': 'not a valid RIZIV/INAMI number',
    'issue.not-a-pharmacist': 'not a pharmacist’s RIZIV/INAMI number',
    'issue.invalid-pharmacy-number': 'not a valid pharmacy number (8 digits)',
    'warning.flu-already-this-season': 'This patient already has a flu vaccination in season {season} ({dates}).',
    'warning.covid-dose-recent':
      'Another covid-19 dose was given on {date}, {days} days apart (advised interval: at least {minimum} days).',
  },
  {
    nl: {
      'issue.required': 'verplicht',
      'issue.wrong-type': 'niet het verwachte soort waarde',
      'issue.unknown-field': 'geen veld van een registratie',
      'issue.too-long': 'te lang',
      'issue.invalid-characters': 'bevat tekens die niet verstuurd kunnen worden (stuurtekens of een regeleinde)',
      'issue.invalid-insz': 'geen geldig INSZ-nummer',
      'issue.date-before-birth': 'vóór de geboortedatum van de patiënt',
      'issue.invalid-date': 'geen geldige datum',
      'issue.date-in-future': 'mag niet in de toekomst liggen',
      'issue.date-too-old': 'te lang geleden: meer dan {days} dagen vóór vandaag',
      'issue.invalid-cnk': 'geen CNK-code',
      'issue.cnk-check-digit': 'het controlecijfer van de CNK-code klopt niet: controleer het nummer op de doos',
      'issue.disease-conflicts-with-catalog': 'past niet bij het vaccin van deze CNK',
      'issue.disease-conflicts-with-name': 'past niet bij de naam van het vaccin (de naam wijst op een andere ziekte)',
      'issue.not-allowed-value': 'geen toegelaten waarde',
      'issue.quantity-not-positive': 'moet groter zijn dan 0',
      'issue.quantity-too-large': 'te groot',
      'issue.quantity-too-precise': 'hoogstens 3 decimalen',
      'issue.lot-required-for-covid': 'het lotnummer is verplicht bij een covid-19-vaccinatie',
      'issue.adverse-events-not-allowed-for-covid': 'bijwerkingen kunnen niet meegestuurd worden bij een covid-19-vaccinatie',
      'issue.invalid-riziv': 'geen geldig RIZIV-nummer',
      'issue.not-a-pharmacist': 'geen RIZIV-nummer van een apotheker',
      'issue.invalid-pharmacy-number': 'geen geldig apotheeknummer (8 cijfers)',
      'warning.flu-already-this-season': 'Deze patiënt heeft al een griepvaccinatie in seizoen {season} ({dates}).',
      'warning.covid-dose-recent':
        'Er werd al een covid-19-dosis gegeven op {date}, {days} dagen ertussen (aangeraden interval: minstens {minimum} dagen).',
    },
    fr: {
      'issue.required': 'obligatoire',
      'issue.wrong-type': 'pas le type de valeur attendu',
      'issue.unknown-field': 'pas un champ d’un enregistrement',
      'issue.too-long': 'trop long',
      'issue.invalid-characters': 'contient des caractères qui ne peuvent pas être envoyés (caractères de contrôle ou saut de ligne)',
      'issue.invalid-insz': 'pas un numéro NISS valide',
      'issue.date-before-birth': 'avant la date de naissance du patient',
      'issue.invalid-date': 'pas une date valide',
      'issue.date-in-future': 'ne peut pas être dans le futur',
      'issue.date-too-old': 'trop ancienne : plus de {days} jours avant aujourd’hui',
      'issue.invalid-cnk': 'pas un code CNK',
      'issue.cnk-check-digit': 'le chiffre de contrôle du code CNK est faux : vérifiez le numéro sur la boîte',
      'issue.disease-conflicts-with-catalog': 'ne correspond pas au vaccin de ce CNK',
      'issue.disease-conflicts-with-name': 'ne correspond pas au nom du vaccin (le nom désigne une autre maladie)',
      'issue.not-allowed-value': 'pas une valeur autorisée',
      'issue.quantity-not-positive': 'doit être supérieure à 0',
      'issue.quantity-too-large': 'trop grande',
      'issue.quantity-too-precise': '3 décimales au plus',
      'issue.lot-required-for-covid': 'le numéro de lot est obligatoire pour une vaccination covid-19',
      'issue.adverse-events-not-allowed-for-covid': 'les effets indésirables ne peuvent pas être envoyés avec une vaccination covid-19',
      'issue.invalid-riziv': 'pas un numéro INAMI valide',
      'issue.not-a-pharmacist': 'pas le numéro INAMI d’un pharmacien',
      'issue.invalid-pharmacy-number': 'pas un numéro de pharmacie valide (8 chiffres)',
      'warning.flu-already-this-season': 'Ce patient a déjà une vaccination contre la grippe pour la saison {season} ({dates}).',
      'warning.covid-dose-recent':
        'Une autre dose covid-19 a été administrée le {date}, à {days} jours d’intervalle (intervalle conseillé : au moins {minimum} jours).',
    },
    de: {
      'issue.required': 'Pflichtfeld',
      'issue.wrong-type': 'nicht die erwartete Art von Wert',
      'issue.unknown-field': 'kein Feld einer Registrierung',
      'issue.too-long': 'zu lang',
      'issue.invalid-characters': 'enthält Zeichen, die nicht gesendet werden können (Steuerzeichen oder Zeilenumbruch)',
      'issue.invalid-insz': 'keine gültige Nationalregisternummer (INSZ)',
      'issue.date-before-birth': 'vor dem Geburtsdatum des Patienten',
      'issue.invalid-date': 'kein gültiges Datum',
      'issue.date-in-future': 'darf nicht in der Zukunft liegen',
      'issue.date-too-old': 'zu lange her: mehr als {days} Tage vor heute',
      'issue.invalid-cnk': 'kein CNK-Code',
      'issue.cnk-check-digit': 'die Prüfziffer des CNK-Codes stimmt nicht: prüfen Sie die Nummer auf der Packung',
      'issue.disease-conflicts-with-catalog': 'passt nicht zum Impfstoff dieses CNK',
      'issue.disease-conflicts-with-name': 'passt nicht zum Namen des Impfstoffs (der Name deutet auf eine andere Krankheit)',
      'issue.not-allowed-value': 'kein zulässiger Wert',
      'issue.quantity-not-positive': 'muss größer als 0 sein',
      'issue.quantity-too-large': 'zu groß',
      'issue.quantity-too-precise': 'höchstens 3 Dezimalstellen',
      'issue.lot-required-for-covid': 'die Chargennummer ist bei einer Covid-19-Impfung Pflicht',
      'issue.adverse-events-not-allowed-for-covid': 'Nebenwirkungen können bei einer Covid-19-Impfung nicht mitgesendet werden',
      'issue.invalid-riziv': 'keine gültige LIKIV-Nummer',
      'issue.not-a-pharmacist': 'keine LIKIV-Nummer eines Apothekers',
      'issue.invalid-pharmacy-number': 'keine gültige Apothekennummer (8 Ziffern)',
      'warning.flu-already-this-season': 'Dieser Patient hat bereits eine Grippeimpfung in der Saison {season} ({dates}).',
      'warning.covid-dose-recent':
        'Eine andere Covid-19-Dosis wurde am {date} verabreicht, {days} Tage Abstand (empfohlener Abstand: mindestens {minimum} Tage).',
    },
  },
);

export type RegistrationStringKey = keyof (typeof registrationStrings)['en'];

export function issueKey(reason: RegistrationIssueReason): RegistrationStringKey {
  return `issue.${reason}`;
}

/** `2026-10-14` → `14/10/2026`, as every line of the history panel shows dates. */
function displayDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export function issueText(
  t: Translate<RegistrationStringKey>,
  issue: Pick<RegistrationIssue, 'reason'>,
  opts: { maxAgeDays?: number } = {},
): string {
  return t(issueKey(issue.reason), { days: opts.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS });
}

export function warningText(t: Translate<RegistrationStringKey>, warning: RegistrationWarning): string {
  switch (warning.kind) {
    case 'flu-already-this-season':
      return t('warning.flu-already-this-season', { season: warning.season, dates: warning.dates.map(displayDate).join(', ') });
    case 'covid-dose-recent':
      return t('warning.covid-dose-recent', {
        date: displayDate(warning.otherDate),
        days: warning.days,
        minimum: warning.minimumIntervalDays,
      });
  }
}
