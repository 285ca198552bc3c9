/**
 * What the command line says, in nl, fr, de and en. The request log (JSON on
 * standard output) and the HTTP API's `message` fields are for machines and
 * developers and stay in English; the extension translates API error codes.
 */
import { defineStrings } from '../../../lib/i18n/translate.ts';

export const cliStrings = defineStrings(
  {
    usage: `Vaccicard companion: the local service that holds the pharmacy's eHealth certificates
and answers the browser extension.

Usage: npm run companion -- <command> [options]

Commands:
  start     serve the local API on 127.0.0.1
              --simulator      also start simulated hubs (synthetic patients, no certificate needed)
              --fixtures DIR   with --simulator: patients from DIR instead of the built-in set
              --port N         listen on port N (default {port}; 0 = any free port)
              --config FILE    configuration file (default {configPath})
  pair      make a new pairing secret, store it, print it once with its fingerprint
              --config FILE
  doctor    check the configuration, pairing, certificates and hubs, and say what to fix
              --config FILE

Every command also takes --lang nl|fr|de|en and --help.
Environment: VACCICARD_COMPANION_CONFIG, VACCICARD_COMPANION_DATA_DIR, COMPANION_PAIRING_SECRET,
COMPANION_ALLOWED_ORIGINS, VACCICARD_COMPANION_LANG. Details: companion/README.md.`,
    unknownCommand: 'Unknown command "{command}". Run with --help to see the commands.',
    noCommand: 'Say which command to run: start, pair or doctor (--help shows them all).',
    unknownOption: 'Unknown option {option} for "{command}". Run with --help to see the options.',
    optionNeedsValue: 'Option {option} needs a value.',
    unexpectedArgument: 'Unexpected argument "{argument}". Run with --help to see the usage.',
    badLang: '--lang must be one of nl, fr, de, en.',
    badPort: '--port must be a whole number from 1024 to 65535, or 0 for any free port.',
    fixturesNeedSimulator: '--fixtures only works together with --simulator.',
    fixturesMissing: 'The fixtures folder {dir} does not exist or is not a folder.',
    configProblems: 'The configuration ({source}) cannot be used. Fix these problems:',
    problemLine: '  - {path}: {message}',
    demoSource: 'the built-in demo identity',
    secretMissing:
      'No pairing secret yet. Run `npm run companion -- pair` once, enter the secret it prints in the extension options page, then start again. (For demos and tests, COMPANION_PAIRING_SECRET may hold it instead.)',
    secretEnvMalformed:
      'COMPANION_PAIRING_SECRET must hold at least 256 random bits: 43 or more characters from A-Z a-z 0-9 - _ (`npm run companion -- pair` makes one).',
    secretTooOpen:
      'The pairing secret file {file} can be read by other users of this computer. Restrict it (chmod 600 "{file}") or run `npm run companion -- pair` again.',
    secretMalformed: 'The pairing secret file {file} is damaged. Run `npm run companion -- pair` again.',
    secretUnreadable: 'The pairing secret file {file} cannot be read. Check its owner and permissions.',
    portInUse:
      'Port {port} on 127.0.0.1 is already in use (is the companion already running?). Stop the other program, or choose another port with --port and set the same port in the extension.',
    listenFailed: 'Cannot listen on 127.0.0.1:{port} ({code}).',
    dataDirFailed: 'Cannot use the data folder {dir} ({code}). Check that you may write there, or set VACCICARD_COMPANION_DATA_DIR.',
    started: 'Vaccicard companion {version} is listening on {url}',
    modeSimulator: 'Mode: simulator (synthetic patients; no real hub is called)',
    modeReal: 'Mode: {environment} hubs',
    configLine: 'Configuration: {source}',
    dataDirLine: 'Data folder: {dir}',
    fingerprintLine: 'Pairing fingerprint: {fingerprint} (the extension options page must show the same)',
    secretFromEnv: 'Pairing secret: from COMPANION_PAIRING_SECRET',
    secretFromFile: 'Pairing secret: the one stored by `pair`',
    originsLine: 'Allowed extension origins: {origins}',
    originsNone: 'none yet: only requests without an Origin header are accepted (add the extension to allowedOrigins)',
    originsAnyExtension: 'any browser extension (simulator demo default; set COMPANION_ALLOWED_ORIGINS to name yours)',
    logLine: 'Request log: one JSON line per request on standard output, without patient numbers',
    stsLine: 'eHealth STS: {environment}, {url}',
    stsProblem: 'Warning, the eHealth token cannot be obtained yet: {problem}. Next: {action}. (`npm run companion -- doctor` checks everything.)',
    hubNotConfigured: 'Hub {hub}: no {environment} address configured; it answers "not-supported" until one is set.',
    hubConfigured: 'Hub {hub}: {url}',
    simulatorHubs: 'Simulated hubs: RSW {rsw}, RSB {rsb}',
    simulatorSts: 'Simulated eHealth STS: {url} (keystores generated for this run)',
    simulatorPatients: 'Simulated patients: {fixtures}',
    registrationsLine: 'Registrations: {destinations}; by default to {destination}',
    destVaccicard: 'Vaccicard through {hub}',
    destNoHub: 'Vaccicard: no hub for this pharmacy (set registration.vaccicardHub)',
    destHubNoAddress: 'Vaccicard through {hub}: no address configured, such registrations are refused',
    destVaccinnet: 'Vaccinnet ({service})',
    destVaccinnetNoAddress: 'Vaccinnet: enabled but no address configured, such registrations are refused',
    destVaccinnetOff: 'Vaccinnet: not enabled',
    outboxLine: 'Outbox: {file} ({records} registrations, {pending} still to send)',
    outboxTornTail: 'Outbox: the last {bytes} bytes of the journal were cut short by a crash and removed; every registration acknowledged before is kept.',
    outboxDamaged: 'The outbox journal {file} is damaged at line {line} ({reason}); it was left unchanged. Keep a copy for support and move it aside to start again (registrations in it are then no longer sent).',
    outboxLocked: 'Another companion (process {pid}) is using the outbox {file}. Stop it first; if none is running, delete {lockFile}.',
    outboxUnreadable: 'The outbox {file} cannot be opened ({code}).',
    testHooksActive: 'TEST HOOKS ACTIVE (VACCICARD_OUTBOX_TEST_HOOKS): markers on standard error; pauses at: {points}. Never for real use.',
    testHooksIgnored: 'VACCICARD_OUTBOX_TEST_HOOKS is ignored: test hooks only work with --simulator.',
    testHooksUnknown: 'VACCICARD_OUTBOX_TEST_HOOKS names points that do not exist: {points}.',
    simulatorRegistrations: 'Simulated Vaccinnet: {url}; what the simulated upstreams stored is kept in {file}',
    simulatorFaults: 'Simulated registration faults are active (VACCICARD_SIMULATOR_FAULTS).',
    simulatorFaultsInvalid: 'VACCICARD_SIMULATOR_FAULTS is not valid JSON of the fault plan (companion/README.md, Simulator).',
    none: 'none',
    builtInPatients: 'the built-in synthetic set',
    simulatorFailed: 'The simulated hubs could not start: {reason}',
    stopHint: 'Press Ctrl+C to stop.',
    stopping: 'Stopping…',
    stopped: 'Stopped.',
    pairHeader: 'New pairing secret, shown only this once. Enter it in the extension options page:',
    pairFingerprint: 'Fingerprint: {fingerprint} (the options page shows the same once paired)',
    pairStored: 'Stored in {file}, readable by you only.',
    pairReplaced: 'This replaces the previous secret (fingerprint {fingerprint}): pair the extension again.',
    pairRestart: 'If the companion is running, restart it so it uses the new secret.',
    pairEnvOverrides:
      'Note: COMPANION_PAIRING_SECRET is set here, and `start` uses it instead of the stored secret while it is set.',
    pairFailed: 'Could not store the pairing secret in {dir} ({code}).',
    unexpectedError: 'Unexpected error ({name}). Run `npm run companion -- doctor` for a diagnosis.',
  },
  {
    nl: {
      usage: `Vaccicard-companion: de lokale dienst die de eHealth-certificaten van de apotheek bewaart
en de browserextensie antwoordt.

Gebruik: npm run companion -- <opdracht> [opties]

Opdrachten:
  start     de lokale API aanbieden op 127.0.0.1
              --simulator      ook gesimuleerde hubs starten (synthetische patiënten, geen certificaat nodig)
              --fixtures MAP   met --simulator: patiënten uit MAP in plaats van de ingebouwde set
              --port N         luisteren op poort N (standaard {port}; 0 = een vrije poort)
              --config BESTAND configuratiebestand (standaard {configPath})
  pair      een nieuw koppelingsgeheim maken, bewaren en één keer tonen met zijn vingerafdruk
              --config BESTAND
  doctor    configuratie, koppeling, certificaten en hubs nakijken en zeggen wat te verhelpen
              --config BESTAND

Elke opdracht kent ook --lang nl|fr|de|en en --help.
Omgeving: VACCICARD_COMPANION_CONFIG, VACCICARD_COMPANION_DATA_DIR, COMPANION_PAIRING_SECRET,
COMPANION_ALLOWED_ORIGINS, VACCICARD_COMPANION_LANG. Details: companion/README.md.`,
      unknownCommand: 'Onbekende opdracht "{command}". Gebruik --help om de opdrachten te zien.',
      noCommand: 'Zeg welke opdracht moet lopen: start, pair of doctor (--help toont ze allemaal).',
      unknownOption: 'Onbekende optie {option} voor "{command}". Gebruik --help om de opties te zien.',
      optionNeedsValue: 'Optie {option} heeft een waarde nodig.',
      unexpectedArgument: 'Onverwacht argument "{argument}". Gebruik --help om het gebruik te zien.',
      badLang: '--lang moet nl, fr, de of en zijn.',
      badPort: '--port moet een geheel getal van 1024 tot 65535 zijn, of 0 voor een vrije poort.',
      fixturesNeedSimulator: '--fixtures werkt alleen samen met --simulator.',
      fixturesMissing: 'De map met fixtures {dir} bestaat niet of is geen map.',
      configProblems: 'De configuratie ({source}) is niet bruikbaar. Verhelp deze problemen:',
      problemLine: '  - {path}: {message}',
      demoSource: 'de ingebouwde demo-identiteit',
      secretMissing:
        'Nog geen koppelingsgeheim. Voer één keer `npm run companion -- pair` uit, vul het getoonde geheim in op de optiepagina van de extensie en start opnieuw. (Voor demo’s en tests mag COMPANION_PAIRING_SECRET het bevatten.)',
      secretEnvMalformed:
        'COMPANION_PAIRING_SECRET moet minstens 256 willekeurige bits bevatten: 43 of meer tekens uit A-Z a-z 0-9 - _ (`npm run companion -- pair` maakt er een).',
      secretTooOpen:
        'Het bestand met het koppelingsgeheim {file} is leesbaar voor andere gebruikers van deze computer. Beperk het (chmod 600 "{file}") of voer `npm run companion -- pair` opnieuw uit.',
      secretMalformed: 'Het bestand met het koppelingsgeheim {file} is beschadigd. Voer `npm run companion -- pair` opnieuw uit.',
      secretUnreadable: 'Het bestand met het koppelingsgeheim {file} kan niet gelezen worden. Kijk de eigenaar en rechten na.',
      portInUse:
        'Poort {port} op 127.0.0.1 is al in gebruik (draait de companion al?). Stop het andere programma, of kies een andere poort met --port en stel dezelfde poort in de extensie in.',
      listenFailed: 'Kan niet luisteren op 127.0.0.1:{port} ({code}).',
      dataDirFailed: 'Kan de gegevensmap {dir} niet gebruiken ({code}). Kijk na of u daar mag schrijven, of stel VACCICARD_COMPANION_DATA_DIR in.',
      started: 'Vaccicard-companion {version} luistert op {url}',
      modeSimulator: 'Modus: simulator (synthetische patiënten; er wordt geen echte hub aangesproken)',
      modeReal: 'Modus: {environment}-hubs',
      configLine: 'Configuratie: {source}',
      dataDirLine: 'Gegevensmap: {dir}',
      fingerprintLine: 'Vingerafdruk van de koppeling: {fingerprint} (de optiepagina van de extensie moet hetzelfde tonen)',
      secretFromEnv: 'Koppelingsgeheim: uit COMPANION_PAIRING_SECRET',
      secretFromFile: 'Koppelingsgeheim: het geheim dat `pair` bewaarde',
      originsLine: 'Toegelaten extensie-origins: {origins}',
      originsNone: 'nog geen: alleen aanvragen zonder Origin-header worden aanvaard (voeg de extensie toe aan allowedOrigins)',
      originsAnyExtension: 'elke browserextensie (standaard van de simulatordemo; stel COMPANION_ALLOWED_ORIGINS in om de uwe te noemen)',
      logLine: 'Aanvraaglog: één JSON-regel per aanvraag op de standaarduitvoer, zonder patiëntnummers',
      stsLine: 'eHealth-STS: {environment}, {url}',
      stsProblem: 'Opgelet, het eHealth-token kan nog niet verkregen worden: {problem}. Volgende stap: {action}. (`npm run companion -- doctor` kijkt alles na.)',
      hubNotConfigured: 'Hub {hub}: geen {environment}-adres ingesteld; hij antwoordt "not-supported" tot er een is.',
      hubConfigured: 'Hub {hub}: {url}',
      simulatorHubs: 'Gesimuleerde hubs: RSW {rsw}, RSB {rsb}',
      simulatorSts: 'Gesimuleerde eHealth-STS: {url} (keystores aangemaakt voor deze sessie)',
      simulatorPatients: 'Gesimuleerde patiënten: {fixtures}',
      registrationsLine: 'Registraties: {destinations}; standaard naar {destination}',
      destVaccicard: 'Vaccicard via {hub}',
      destNoHub: 'Vaccicard: geen hub voor deze apotheek (stel registration.vaccicardHub in)',
      destHubNoAddress: 'Vaccicard via {hub}: geen adres ingesteld, zulke registraties worden geweigerd',
      destVaccinnet: 'Vaccinnet ({service})',
      destVaccinnetNoAddress: 'Vaccinnet: ingeschakeld maar geen adres ingesteld, zulke registraties worden geweigerd',
      destVaccinnetOff: 'Vaccinnet: niet ingeschakeld',
      outboxLine: 'Outbox: {file} ({records} registraties, nog {pending} te versturen)',
      outboxTornTail: 'Outbox: de laatste {bytes} bytes van het journaal waren door een crash afgebroken en zijn verwijderd; elke eerder bevestigde registratie blijft bewaard.',
      outboxDamaged: 'Het outbox-journaal {file} is beschadigd op regel {line} ({reason}); het bleef ongewijzigd. Bewaar een kopie voor de support en zet het opzij om opnieuw te starten (de registraties erin worden dan niet meer verstuurd).',
      outboxLocked: 'Een andere companion (proces {pid}) gebruikt de outbox {file}. Stop die eerst; draait er geen, verwijder dan {lockFile}.',
      outboxUnreadable: 'De outbox {file} kan niet geopend worden ({code}).',
      testHooksActive: 'TESTHAKEN ACTIEF (VACCICARD_OUTBOX_TEST_HOOKS): markeringen op standaardfout; pauzes bij: {points}. Nooit voor echt gebruik.',
      testHooksIgnored: 'VACCICARD_OUTBOX_TEST_HOOKS wordt genegeerd: testhaken werken alleen met --simulator.',
      testHooksUnknown: 'VACCICARD_OUTBOX_TEST_HOOKS noemt punten die niet bestaan: {points}.',
      simulatorRegistrations: 'Gesimuleerde Vaccinnet: {url}; wat de gesimuleerde diensten bewaarden staat in {file}',
      simulatorFaults: 'Gesimuleerde registratiefouten zijn actief (VACCICARD_SIMULATOR_FAULTS).',
      simulatorFaultsInvalid: 'VACCICARD_SIMULATOR_FAULTS is geen geldige JSON van het foutenplan (companion/README.md, Simulator).',
      none: 'geen',
      builtInPatients: 'de ingebouwde synthetische set',
      simulatorFailed: 'De gesimuleerde hubs konden niet starten: {reason}',
      stopHint: 'Druk op Ctrl+C om te stoppen.',
      stopping: 'Bezig met stoppen…',
      stopped: 'Gestopt.',
      pairHeader: 'Nieuw koppelingsgeheim, slechts deze ene keer getoond. Vul het in op de optiepagina van de extensie:',
      pairFingerprint: 'Vingerafdruk: {fingerprint} (de optiepagina toont hetzelfde na het koppelen)',
      pairStored: 'Bewaard in {file}, alleen door u leesbaar.',
      pairReplaced: 'Dit vervangt het vorige geheim (vingerafdruk {fingerprint}): koppel de extensie opnieuw.',
      pairRestart: 'Draait de companion al, herstart hem dan zodat hij het nieuwe geheim gebruikt.',
      pairEnvOverrides:
        'Opgelet: COMPANION_PAIRING_SECRET is hier ingesteld, en `start` gebruikt dat in plaats van het bewaarde geheim zolang het ingesteld is.',
      pairFailed: 'Kon het koppelingsgeheim niet bewaren in {dir} ({code}).',
      unexpectedError: 'Onverwachte fout ({name}). Voer `npm run companion -- doctor` uit voor een diagnose.',
    },
    fr: {
      usage: `Compagnon Vaccicard : le service local qui détient les certificats eHealth de la pharmacie
et répond à l'extension du navigateur.

Usage : npm run companion -- <commande> [options]

Commandes :
  start     servir l'API locale sur 127.0.0.1
              --simulator        démarrer aussi des hubs simulés (patients synthétiques, sans certificat)
              --fixtures DOSSIER avec --simulator : patients de DOSSIER au lieu du jeu intégré
              --port N           écouter sur le port N (par défaut {port} ; 0 = un port libre)
              --config FICHIER   fichier de configuration (par défaut {configPath})
  pair      créer un nouveau secret d'appairage, le conserver, l'afficher une fois avec son empreinte
              --config FICHIER
  doctor    vérifier la configuration, l'appairage, les certificats et les hubs, et dire quoi corriger
              --config FICHIER

Chaque commande accepte aussi --lang nl|fr|de|en et --help.
Environnement : VACCICARD_COMPANION_CONFIG, VACCICARD_COMPANION_DATA_DIR, COMPANION_PAIRING_SECRET,
COMPANION_ALLOWED_ORIGINS, VACCICARD_COMPANION_LANG. Détails : companion/README.md.`,
      unknownCommand: 'Commande inconnue « {command} ». Utilisez --help pour voir les commandes.',
      noCommand: 'Indiquez la commande à lancer : start, pair ou doctor (--help les montre toutes).',
      unknownOption: 'Option inconnue {option} pour « {command} ». Utilisez --help pour voir les options.',
      optionNeedsValue: "L'option {option} demande une valeur.",
      unexpectedArgument: 'Argument inattendu « {argument} ». Utilisez --help pour voir l’usage.',
      badLang: '--lang doit valoir nl, fr, de ou en.',
      badPort: '--port doit être un nombre entier de 1024 à 65535, ou 0 pour un port libre.',
      fixturesNeedSimulator: '--fixtures ne fonctionne qu’avec --simulator.',
      fixturesMissing: "Le dossier de fixtures {dir} n'existe pas ou n'est pas un dossier.",
      configProblems: 'La configuration ({source}) est inutilisable. Corrigez ces problèmes :',
      problemLine: '  - {path} : {message}',
      demoSource: "l'identité de démonstration intégrée",
      secretMissing:
        "Pas encore de secret d'appairage. Lancez une fois `npm run companion -- pair`, saisissez le secret affiché dans la page d'options de l'extension, puis redémarrez. (Pour les démos et les tests, COMPANION_PAIRING_SECRET peut le contenir.)",
      secretEnvMalformed:
        'COMPANION_PAIRING_SECRET doit contenir au moins 256 bits aléatoires : 43 caractères ou plus parmi A-Z a-z 0-9 - _ (`npm run companion -- pair` en crée un).',
      secretTooOpen:
        "Le fichier du secret d'appairage {file} est lisible par d'autres utilisateurs de cet ordinateur. Restreignez-le (chmod 600 \"{file}\") ou relancez `npm run companion -- pair`.",
      secretMalformed: "Le fichier du secret d'appairage {file} est endommagé. Relancez `npm run companion -- pair`.",
      secretUnreadable: "Le fichier du secret d'appairage {file} est illisible. Vérifiez son propriétaire et ses droits.",
      portInUse:
        "Le port {port} de 127.0.0.1 est déjà utilisé (le compagnon tourne-t-il déjà ?). Arrêtez l'autre programme, ou choisissez un autre port avec --port et indiquez le même port dans l'extension.",
      listenFailed: "Impossible d'écouter sur 127.0.0.1:{port} ({code}).",
      dataDirFailed:
        "Impossible d'utiliser le dossier de données {dir} ({code}). Vérifiez que vous pouvez y écrire, ou définissez VACCICARD_COMPANION_DATA_DIR.",
      started: 'Le compagnon Vaccicard {version} écoute sur {url}',
      modeSimulator: 'Mode : simulateur (patients synthétiques ; aucun vrai hub n’est appelé)',
      modeReal: 'Mode : hubs de {environment}',
      configLine: 'Configuration : {source}',
      dataDirLine: 'Dossier de données : {dir}',
      fingerprintLine: "Empreinte d'appairage : {fingerprint} (la page d'options de l'extension doit afficher la même)",
      secretFromEnv: "Secret d'appairage : depuis COMPANION_PAIRING_SECRET",
      secretFromFile: "Secret d'appairage : celui conservé par `pair`",
      originsLine: "Origines d'extension autorisées : {origins}",
      originsNone: "aucune pour l'instant : seules les requêtes sans en-tête Origin sont acceptées (ajoutez l'extension à allowedOrigins)",
      originsAnyExtension:
        'toute extension de navigateur (défaut de la démo du simulateur ; définissez COMPANION_ALLOWED_ORIGINS pour nommer la vôtre)',
      logLine: 'Journal des requêtes : une ligne JSON par requête sur la sortie standard, sans numéro de patient',
      stsLine: 'STS eHealth : {environment}, {url}',
      stsProblem: "Attention, le jeton eHealth ne peut pas encore être obtenu : {problem}. Étape suivante : {action}. (`npm run companion -- doctor` vérifie tout.)",
      hubNotConfigured: "Hub {hub} : aucune adresse de {environment} configurée ; il répond « not-supported » jusqu'à ce qu'une soit définie.",
      hubConfigured: 'Hub {hub} : {url}',
      simulatorHubs: 'Hubs simulés : RSW {rsw}, RSB {rsb}',
      simulatorSts: 'STS eHealth simulé : {url} (keystores générés pour cette session)',
      simulatorPatients: 'Patients simulés : {fixtures}',
      registrationsLine: 'Enregistrements : {destinations} ; par défaut vers {destination}',
      destVaccicard: 'Vaccicard via {hub}',
      destNoHub: 'Vaccicard : aucun hub pour cette pharmacie (renseignez registration.vaccicardHub)',
      destHubNoAddress: 'Vaccicard via {hub} : aucune adresse configurée, ces enregistrements sont refusés',
      destVaccinnet: 'Vaccinnet ({service})',
      destVaccinnetNoAddress: 'Vaccinnet : activé mais aucune adresse configurée, ces enregistrements sont refusés',
      destVaccinnetOff: 'Vaccinnet : non activé',
      outboxLine: "File d'envoi : {file} ({records} enregistrements, {pending} encore à envoyer)",
      outboxTornTail: "File d'envoi : les {bytes} derniers octets du journal, interrompus par un arrêt brutal, ont été retirés ; chaque enregistrement confirmé avant est conservé.",
      outboxDamaged: "Le journal de la file d'envoi {file} est endommagé à la ligne {line} ({reason}) ; il n'a pas été modifié. Gardez-en une copie pour le support et mettez-le de côté pour redémarrer (ses enregistrements ne seront alors plus envoyés).",
      outboxLocked: "Un autre compagnon (processus {pid}) utilise la file d'envoi {file}. Arrêtez-le d'abord ; s'il n'y en a aucun, supprimez {lockFile}.",
      outboxUnreadable: "La file d'envoi {file} ne peut pas être ouverte ({code}).",
      testHooksActive: "CROCHETS DE TEST ACTIFS (VACCICARD_OUTBOX_TEST_HOOKS) : marqueurs sur la sortie d'erreur ; pauses à : {points}. Jamais en usage réel.",
      testHooksIgnored: 'VACCICARD_OUTBOX_TEST_HOOKS est ignoré : les crochets de test ne fonctionnent qu’avec --simulator.',
      testHooksUnknown: "VACCICARD_OUTBOX_TEST_HOOKS nomme des points qui n'existent pas : {points}.",
      simulatorRegistrations: 'Vaccinnet simulé : {url} ; ce que les services simulés ont enregistré est conservé dans {file}',
      simulatorFaults: "Des pannes d'enregistrement simulées sont actives (VACCICARD_SIMULATOR_FAULTS).",
      simulatorFaultsInvalid: "VACCICARD_SIMULATOR_FAULTS n'est pas un plan de pannes JSON valide (companion/README.md, Simulator).",
      none: 'aucun',
      builtInPatients: 'le jeu synthétique intégré',
      simulatorFailed: "Les hubs simulés n'ont pas pu démarrer : {reason}",
      stopHint: 'Appuyez sur Ctrl+C pour arrêter.',
      stopping: 'Arrêt en cours…',
      stopped: 'Arrêté.',
      pairHeader: "Nouveau secret d'appairage, affiché cette seule fois. Saisissez-le dans la page d'options de l'extension :",
      pairFingerprint: "Empreinte : {fingerprint} (la page d'options affiche la même une fois appairée)",
      pairStored: 'Conservé dans {file}, lisible par vous seul.',
      pairReplaced: "Ceci remplace le secret précédent (empreinte {fingerprint}) : appairez à nouveau l'extension.",
      pairRestart: 'Si le compagnon tourne, redémarrez-le pour qu’il utilise le nouveau secret.',
      pairEnvOverrides:
        "Attention : COMPANION_PAIRING_SECRET est défini ici, et `start` l'utilise à la place du secret conservé tant qu'il est défini.",
      pairFailed: "Impossible de conserver le secret d'appairage dans {dir} ({code}).",
      unexpectedError: 'Erreur inattendue ({name}). Lancez `npm run companion -- doctor` pour un diagnostic.',
    },
    de: {
      usage: `Vaccicard-Companion: der lokale Dienst, der die eHealth-Zertifikate der Apotheke verwahrt
und der Browsererweiterung antwortet.

Aufruf: npm run companion -- <Befehl> [Optionen]

Befehle:
  start     die lokale API auf 127.0.0.1 anbieten
              --simulator      auch simulierte Hubs starten (synthetische Patienten, kein Zertifikat nötig)
              --fixtures ORDNER mit --simulator: Patienten aus ORDNER statt des eingebauten Satzes
              --port N         auf Port N lauschen (Standard {port}; 0 = ein freier Port)
              --config DATEI   Konfigurationsdatei (Standard {configPath})
  pair      ein neues Kopplungsgeheimnis erzeugen, speichern und einmal mit Fingerabdruck zeigen
              --config DATEI
  doctor    Konfiguration, Kopplung, Zertifikate und Hubs prüfen und sagen, was zu beheben ist
              --config DATEI

Jeder Befehl kennt auch --lang nl|fr|de|en und --help.
Umgebung: VACCICARD_COMPANION_CONFIG, VACCICARD_COMPANION_DATA_DIR, COMPANION_PAIRING_SECRET,
COMPANION_ALLOWED_ORIGINS, VACCICARD_COMPANION_LANG. Einzelheiten: companion/README.md.`,
      unknownCommand: 'Unbekannter Befehl „{command}“. Mit --help sehen Sie die Befehle.',
      noCommand: 'Geben Sie den Befehl an: start, pair oder doctor (--help zeigt alle).',
      unknownOption: 'Unbekannte Option {option} für „{command}“. Mit --help sehen Sie die Optionen.',
      optionNeedsValue: 'Option {option} braucht einen Wert.',
      unexpectedArgument: 'Unerwartetes Argument „{argument}“. Mit --help sehen Sie den Aufruf.',
      badLang: '--lang muss nl, fr, de oder en sein.',
      badPort: '--port muss eine ganze Zahl von 1024 bis 65535 sein, oder 0 für einen freien Port.',
      fixturesNeedSimulator: '--fixtures funktioniert nur zusammen mit --simulator.',
      fixturesMissing: 'Der Fixtures-Ordner {dir} existiert nicht oder ist kein Ordner.',
      configProblems: 'Die Konfiguration ({source}) ist nicht verwendbar. Beheben Sie diese Probleme:',
      problemLine: '  - {path}: {message}',
      demoSource: 'die eingebaute Demo-Identität',
      secretMissing:
        'Noch kein Kopplungsgeheimnis. Führen Sie einmal `npm run companion -- pair` aus, geben Sie das angezeigte Geheimnis auf der Optionsseite der Erweiterung ein und starten Sie neu. (Für Demos und Tests darf COMPANION_PAIRING_SECRET es enthalten.)',
      secretEnvMalformed:
        'COMPANION_PAIRING_SECRET muss mindestens 256 Zufallsbits enthalten: 43 oder mehr Zeichen aus A-Z a-z 0-9 - _ (`npm run companion -- pair` erzeugt eines).',
      secretTooOpen:
        'Die Datei mit dem Kopplungsgeheimnis {file} ist für andere Benutzer dieses Computers lesbar. Schränken Sie sie ein (chmod 600 "{file}") oder führen Sie `npm run companion -- pair` erneut aus.',
      secretMalformed: 'Die Datei mit dem Kopplungsgeheimnis {file} ist beschädigt. Führen Sie `npm run companion -- pair` erneut aus.',
      secretUnreadable: 'Die Datei mit dem Kopplungsgeheimnis {file} ist nicht lesbar. Prüfen Sie Eigentümer und Rechte.',
      portInUse:
        'Port {port} auf 127.0.0.1 ist schon belegt (läuft der Companion bereits?). Beenden Sie das andere Programm, oder wählen Sie mit --port einen anderen Port und stellen Sie denselben Port in der Erweiterung ein.',
      listenFailed: 'Kann nicht auf 127.0.0.1:{port} lauschen ({code}).',
      dataDirFailed:
        'Der Datenordner {dir} ist nicht verwendbar ({code}). Prüfen Sie, ob Sie dort schreiben dürfen, oder setzen Sie VACCICARD_COMPANION_DATA_DIR.',
      started: 'Vaccicard-Companion {version} lauscht auf {url}',
      modeSimulator: 'Modus: Simulator (synthetische Patienten; kein echter Hub wird aufgerufen)',
      modeReal: 'Modus: {environment}-Hubs',
      configLine: 'Konfiguration: {source}',
      dataDirLine: 'Datenordner: {dir}',
      fingerprintLine: 'Fingerabdruck der Kopplung: {fingerprint} (die Optionsseite der Erweiterung muss denselben zeigen)',
      secretFromEnv: 'Kopplungsgeheimnis: aus COMPANION_PAIRING_SECRET',
      secretFromFile: 'Kopplungsgeheimnis: das von `pair` gespeicherte',
      originsLine: 'Erlaubte Erweiterungs-Origins: {origins}',
      originsNone: 'noch keine: nur Anfragen ohne Origin-Header werden angenommen (tragen Sie die Erweiterung in allowedOrigins ein)',
      originsAnyExtension:
        'jede Browsererweiterung (Standard der Simulator-Demo; setzen Sie COMPANION_ALLOWED_ORIGINS, um Ihre zu nennen)',
      logLine: 'Anfrageprotokoll: eine JSON-Zeile pro Anfrage auf der Standardausgabe, ohne Patientennummern',
      stsLine: 'eHealth-STS: {environment}, {url}',
      stsProblem: 'Achtung, das eHealth-Token kann noch nicht bezogen werden: {problem}. Nächster Schritt: {action}. (`npm run companion -- doctor` prüft alles.)',
      hubNotConfigured: 'Hub {hub}: keine {environment}-Adresse eingestellt; er antwortet „not-supported“, bis eine gesetzt ist.',
      hubConfigured: 'Hub {hub}: {url}',
      simulatorHubs: 'Simulierte Hubs: RSW {rsw}, RSB {rsb}',
      simulatorSts: 'Simulierter eHealth-STS: {url} (Keystores für diesen Lauf erzeugt)',
      simulatorPatients: 'Simulierte Patienten: {fixtures}',
      registrationsLine: 'Registrierungen: {destinations}; standardmäßig an {destination}',
      destVaccicard: 'Vaccicard über {hub}',
      destNoHub: 'Vaccicard: kein Hub für diese Apotheke (registration.vaccicardHub setzen)',
      destHubNoAddress: 'Vaccicard über {hub}: keine Adresse eingestellt, solche Registrierungen werden abgelehnt',
      destVaccinnet: 'Vaccinnet ({service})',
      destVaccinnetNoAddress: 'Vaccinnet: aktiviert, aber keine Adresse eingestellt, solche Registrierungen werden abgelehnt',
      destVaccinnetOff: 'Vaccinnet: nicht aktiviert',
      outboxLine: 'Postausgang: {file} ({records} Registrierungen, {pending} noch zu senden)',
      outboxTornTail: 'Postausgang: die letzten {bytes} Bytes des Journals waren durch einen Absturz abgeschnitten und wurden entfernt; jede zuvor bestätigte Registrierung bleibt erhalten.',
      outboxDamaged: 'Das Postausgangs-Journal {file} ist in Zeile {line} beschädigt ({reason}); es blieb unverändert. Bewahren Sie eine Kopie für den Support auf und legen Sie es beiseite, um neu zu starten (die Registrierungen darin werden dann nicht mehr gesendet).',
      outboxLocked: 'Ein anderer Companion (Prozess {pid}) benutzt den Postausgang {file}. Beenden Sie ihn zuerst; läuft keiner, löschen Sie {lockFile}.',
      outboxUnreadable: 'Der Postausgang {file} kann nicht geöffnet werden ({code}).',
      testHooksActive: 'TEST-HAKEN AKTIV (VACCICARD_OUTBOX_TEST_HOOKS): Markierungen auf der Standardfehlerausgabe; Pausen bei: {points}. Nie im echten Betrieb.',
      testHooksIgnored: 'VACCICARD_OUTBOX_TEST_HOOKS wird ignoriert: Test-Haken funktionieren nur mit --simulator.',
      testHooksUnknown: 'VACCICARD_OUTBOX_TEST_HOOKS nennt Punkte, die es nicht gibt: {points}.',
      simulatorRegistrations: 'Simuliertes Vaccinnet: {url}; was die simulierten Dienste gespeichert haben, liegt in {file}',
      simulatorFaults: 'Simulierte Registrierungsfehler sind aktiv (VACCICARD_SIMULATOR_FAULTS).',
      simulatorFaultsInvalid: 'VACCICARD_SIMULATOR_FAULTS ist kein gültiger JSON-Fehlerplan (companion/README.md, Simulator).',
      none: 'keine',
      builtInPatients: 'der eingebaute synthetische Satz',
      simulatorFailed: 'Die simulierten Hubs konnten nicht starten: {reason}',
      stopHint: 'Zum Beenden Strg+C drücken.',
      stopping: 'Wird beendet…',
      stopped: 'Beendet.',
      pairHeader: 'Neues Kopplungsgeheimnis, nur dieses eine Mal angezeigt. Geben Sie es auf der Optionsseite der Erweiterung ein:',
      pairFingerprint: 'Fingerabdruck: {fingerprint} (die Optionsseite zeigt nach dem Koppeln denselben)',
      pairStored: 'Gespeichert in {file}, nur für Sie lesbar.',
      pairReplaced: 'Dies ersetzt das vorige Geheimnis (Fingerabdruck {fingerprint}): koppeln Sie die Erweiterung erneut.',
      pairRestart: 'Läuft der Companion, starten Sie ihn neu, damit er das neue Geheimnis verwendet.',
      pairEnvOverrides:
        'Hinweis: COMPANION_PAIRING_SECRET ist hier gesetzt, und `start` verwendet es statt des gespeicherten Geheimnisses, solange es gesetzt ist.',
      pairFailed: 'Konnte das Kopplungsgeheimnis nicht in {dir} speichern ({code}).',
      unexpectedError: 'Unerwarteter Fehler ({name}). Führen Sie `npm run companion -- doctor` für eine Diagnose aus.',
    },
  },
);
export type CliStringKey = keyof (typeof cliStrings)['en'];
