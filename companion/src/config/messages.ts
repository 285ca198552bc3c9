/**
 * Words of the configuration checks, in the four languages. Each message
 * names what is wrong and how to fix it; none repeats a value from the file
 * (a mistyped password must never be echoed).
 */
import { defineStrings } from '../../../lib/i18n/translate.ts';

export const configMessages = defineStrings(
  {
    literalPassword:
      'a password must not be written in the configuration file: use {"env": "VARIABLE_NAME"} or {"file": "path/to/password-file"}',
    passwordSource: 'expected {"env": "VARIABLE_NAME"} or {"file": "path/to/password-file"}',
    envName: 'an environment variable name: capital letters, digits and underscores, not starting with a digit',
    pharmacyNumber: 'not a valid pharmacy number: 8 digits whose last two are the check digits',
    riziv: 'not a valid RIZIV/INAMI number: 11 digits with valid check digits',
    notPharmacist: "not a pharmacist's RIZIV/INAMI number (a pharmacist's number starts with 2)",
    inss: 'not a valid INSS (national register) number: 11 digits with valid check digits',
    httpsUrl: 'must be an https:// address',
    softwareId:
      'must look like integrator_software or integrator_software_organisation (letters, digits, dots and dashes, separated by underscores), at most 50 characters',
    origin: 'not an extension origin: expected chrome-extension://<32 letters a to p> or moz-extension://<uuid>',
    hubTimeout: 'must be shorter than timeouts.requestMs, so a slow hub gives a typed timeout before the whole request does',
    keystoresRequired:
      'required to talk to the real hubs: the identification keystore (and a holderOfKey keystore if it is another file)',
    noHubEndpoint:
      'no hub address is configured for the chosen environment: set hubs.rsw.endpoints.{environment} or hubs.rsb.endpoints.{environment} (RSW and Abrumet give these addresses to registered software)',
    fileMissing: 'configuration file not found',
    fileUnreadable: 'the configuration file cannot be read',
    notJson: 'not valid JSON',
    notJsonAt: 'not valid JSON (line {line}, column {column})',
    notAnObject: 'the configuration must be one JSON object',
    retryMaxBelowBase: 'must be at least registration.outbox.retryBaseMs',
    defaultDestinationDisabled:
      'Vaccinnet is not enabled: set registration.vaccinnet.enabled to true (with its endpoint), or choose vaccicard',
    softwareIdForService:
      'Vaccinnet {service} expects a softwareId of the form {shape} (see the softwareId field); change one or the other',
  },
  {
    nl: {
      literalPassword:
        'een wachtwoord hoort niet in het configuratiebestand: gebruik {"env": "NAAM_VAN_VARIABELE"} of {"file": "pad/naar/wachtwoordbestand"}',
      passwordSource: 'verwacht {"env": "NAAM_VAN_VARIABELE"} of {"file": "pad/naar/wachtwoordbestand"}',
      envName: 'de naam van een omgevingsvariabele: hoofdletters, cijfers en underscores, niet beginnend met een cijfer',
      pharmacyNumber: 'geen geldig apotheeknummer: 8 cijfers waarvan de laatste twee de controlecijfers zijn',
      riziv: 'geen geldig RIZIV-nummer: 11 cijfers met geldige controlecijfers',
      notPharmacist: 'geen RIZIV-nummer van een apotheker (dat van een apotheker begint met 2)',
      inss: 'geen geldig INSZ-nummer (rijksregisternummer): 11 cijfers met geldige controlecijfers',
      httpsUrl: 'moet een https://-adres zijn',
      softwareId:
        'moet de vorm integrator_software of integrator_software_organisation hebben (letters, cijfers, punten en streepjes, gescheiden door underscores), hoogstens 50 tekens',
      origin: 'geen extensie-origin: verwacht chrome-extension://<32 letters a tot p> of moz-extension://<uuid>',
      hubTimeout:
        'moet korter zijn dan timeouts.requestMs, zodat een trage hub een getypeerde time-out geeft vóór de hele aanvraag',
      keystoresRequired:
        'nodig om met de echte hubs te praten: de identificatie-keystore (en een holderOfKey-keystore als dat een ander bestand is)',
      noHubEndpoint:
        'voor de gekozen omgeving is geen hubadres ingesteld: vul hubs.rsw.endpoints.{environment} of hubs.rsb.endpoints.{environment} in (RSW en Abrumet geven die adressen aan geregistreerde software)',
      fileMissing: 'configuratiebestand niet gevonden',
      fileUnreadable: 'het configuratiebestand kan niet gelezen worden',
      notJson: 'geen geldige JSON',
      notJsonAt: 'geen geldige JSON (regel {line}, kolom {column})',
      notAnObject: 'de configuratie moet één JSON-object zijn',
      retryMaxBelowBase: 'moet minstens registration.outbox.retryBaseMs zijn',
      defaultDestinationDisabled:
        'Vaccinnet is niet ingeschakeld: zet registration.vaccinnet.enabled op true (met zijn adres), of kies vaccicard',
      softwareIdForService:
        'Vaccinnet {service} verwacht een softwareId van de vorm {shape} (zie het veld softwareId); pas het een of het ander aan',
    },
    fr: {
      literalPassword:
        'un mot de passe ne doit pas figurer dans le fichier de configuration : utilisez {"env": "NOM_DE_VARIABLE"} ou {"file": "chemin/du/fichier-mot-de-passe"}',
      passwordSource: 'attendu {"env": "NOM_DE_VARIABLE"} ou {"file": "chemin/du/fichier-mot-de-passe"}',
      envName:
        "un nom de variable d'environnement : majuscules, chiffres et soulignés, sans commencer par un chiffre",
      pharmacyNumber: "numéro de pharmacie non valide : 8 chiffres dont les deux derniers sont les chiffres de contrôle",
      riziv: 'numéro INAMI non valide : 11 chiffres avec des chiffres de contrôle valides',
      notPharmacist: "ce n'est pas le numéro INAMI d'un pharmacien (celui d'un pharmacien commence par 2)",
      inss: 'numéro NISS (registre national) non valide : 11 chiffres avec des chiffres de contrôle valides',
      httpsUrl: 'doit être une adresse https://',
      softwareId:
        'doit avoir la forme integrator_software ou integrator_software_organisation (lettres, chiffres, points et tirets, séparés par des soulignés), 50 caractères au plus',
      origin:
        "ce n'est pas l'origine d'une extension : attendu chrome-extension://<32 lettres de a à p> ou moz-extension://<uuid>",
      hubTimeout:
        "doit être plus court que timeouts.requestMs, pour qu'un hub lent donne un délai dépassé typé avant la requête entière",
      keystoresRequired:
        "requis pour parler aux vrais hubs : le keystore d'identification (et un keystore holderOfKey s'il s'agit d'un autre fichier)",
      noHubEndpoint:
        "aucune adresse de hub n'est configurée pour l'environnement choisi : renseignez hubs.rsw.endpoints.{environment} ou hubs.rsb.endpoints.{environment} (le RSW et Abrumet communiquent ces adresses aux logiciels enregistrés)",
      fileMissing: 'fichier de configuration introuvable',
      fileUnreadable: 'le fichier de configuration ne peut pas être lu',
      notJson: "ce n'est pas du JSON valide",
      notJsonAt: "ce n'est pas du JSON valide (ligne {line}, colonne {column})",
      notAnObject: 'la configuration doit être un seul objet JSON',
      retryMaxBelowBase: 'doit valoir au moins registration.outbox.retryBaseMs',
      defaultDestinationDisabled:
        "Vaccinnet n'est pas activé : mettez registration.vaccinnet.enabled à true (avec son adresse), ou choisissez vaccicard",
      softwareIdForService:
        "Vaccinnet {service} attend un softwareId de la forme {shape} (voir le champ softwareId) ; modifiez l'un ou l'autre",
    },
    de: {
      literalPassword:
        'ein Passwort gehört nicht in die Konfigurationsdatei: verwenden Sie {"env": "VARIABLENNAME"} oder {"file": "pfad/zur/passwortdatei"}',
      passwordSource: 'erwartet {"env": "VARIABLENNAME"} oder {"file": "pfad/zur/passwortdatei"}',
      envName: 'der Name einer Umgebungsvariablen: Großbuchstaben, Ziffern und Unterstriche, nicht mit einer Ziffer beginnend',
      pharmacyNumber: 'keine gültige Apothekennummer: 8 Ziffern, deren letzte zwei die Prüfziffern sind',
      riziv: 'keine gültige LIKIV-Nummer: 11 Ziffern mit gültigen Prüfziffern',
      notPharmacist: 'keine LIKIV-Nummer eines Apothekers (die eines Apothekers beginnt mit 2)',
      inss: 'keine gültige Nationalregisternummer (INSZ): 11 Ziffern mit gültigen Prüfziffern',
      httpsUrl: 'muss eine https://-Adresse sein',
      softwareId:
        'muss die Form integrator_software oder integrator_software_organisation haben (Buchstaben, Ziffern, Punkte und Bindestriche, durch Unterstriche getrennt), höchstens 50 Zeichen',
      origin: 'kein Erweiterungs-Origin: erwartet chrome-extension://<32 Buchstaben a bis p> oder moz-extension://<uuid>',
      hubTimeout:
        'muss kürzer als timeouts.requestMs sein, damit ein langsamer Hub eine typisierte Zeitüberschreitung vor der ganzen Anfrage liefert',
      keystoresRequired:
        'nötig für die echten Hubs: der Identifikations-Keystore (und ein holderOfKey-Keystore, wenn es eine andere Datei ist)',
      noHubEndpoint:
        'für die gewählte Umgebung ist keine Hub-Adresse eingestellt: setzen Sie hubs.rsw.endpoints.{environment} oder hubs.rsb.endpoints.{environment} (RSW und Abrumet geben diese Adressen registrierter Software)',
      fileMissing: 'Konfigurationsdatei nicht gefunden',
      fileUnreadable: 'die Konfigurationsdatei kann nicht gelesen werden',
      notJson: 'kein gültiges JSON',
      notJsonAt: 'kein gültiges JSON (Zeile {line}, Spalte {column})',
      notAnObject: 'die Konfiguration muss ein einziges JSON-Objekt sein',
      retryMaxBelowBase: 'muss mindestens registration.outbox.retryBaseMs betragen',
      defaultDestinationDisabled:
        'Vaccinnet ist nicht aktiviert: setzen Sie registration.vaccinnet.enabled auf true (mit seiner Adresse), oder wählen Sie vaccicard',
      softwareIdForService:
        'Vaccinnet {service} erwartet eine softwareId der Form {shape} (siehe das Feld softwareId); ändern Sie das eine oder das andere',
    },
  },
);
export type ConfigMessageKey = keyof (typeof configMessages)['en'];
