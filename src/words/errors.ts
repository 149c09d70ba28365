/**
 * The errors a user meets in the first hour, in Dutch and English: worth.yaml's mistakes, a
 * formula that does not compile, a missing file or workspace, a database in use, a refused
 * load, and the machine's faults. A WorthError carries one of these keys with its values
 * (src/core); the CLI's top-level handler says it in the workspace's language. Errors without
 * an entry stay in English (the catalogue grows as they are met).
 */
import { fill, type Catalogue } from './catalogue.ts';
import type { Lang } from './lang.ts';
import { textNumbers } from './textNumbers.ts';
import { SETTING_WORDS } from './settingWords.ts';

/** Every error sentence with a catalogue entry. */
export const ERROR_WORDS = {
  // what a worth.yaml setting must be (settingWords.ts)
  ...SETTING_WORDS,
  // where: the parts of a location
  line: { en: 'line {n}', nl: 'regel {n}' },
  column: { en: 'column {name}', nl: 'kolom {name}' },
  position: { en: 'position {n}', nl: 'positie {n}' },
  at: { en: ' at ', nl: ' bij ' },
  // worth clv fit / predict on a summary file
  clvFileNoCovariates: {
    en: '--covariates: `worth clv {command}` on a summary file takes no covariates yet (one fit over all its rows). Covariates are fitted in a workspace: name the customer columns in worth.yaml under clv.covariates and run `worth clv DIR` (Pareto/NBD and BG/NBD with and without them, compared on BIC and the held-out weeks)',
    nl: '--covariates: `worth clv {command}` op een samenvattingsbestand neemt nog geen covariaten (één schatting over alle regels). Covariaten worden in een werkmap geschat: noem de klantkolommen in worth.yaml onder clv.covariates en draai `worth clv MAP` (Pareto/NBD en BG/NBD met en zonder, vergeleken op BIC en de achtergehouden weken)',
  },
  // the read model: what a finished run does not have
  customerNotInPnl: {
    en: 'customer {id} is not in the customer P&L',
    nl: 'klant {id} staat niet in de klantwinstrekening',
  },
  notAnalysedYet: {
    en: 'the workspace has not been analysed yet (run `worth analyze` first)',
    nl: 'de werkmap is nog niet geanalyseerd (draai eerst `worth analyze`)',
  },
  clvTooFewCustomers: {
    en: 'only {n} customers have a purchase day to model: a lifetime-value model needs at least {min}, so `worth clv` cannot value this workspace yet (the customer P&L of `worth analyze`, the report and the dashboard stand without it)',
    nl: 'maar {n} klanten hebben een aankoopdag om te modelleren: een klantwaardemodel heeft er minstens {min} nodig, dus `worth clv` kan deze werkmap nog geen klantwaarde geven (de klantwinstrekening van `worth analyze`, het rapport en het dashboard staan er los van)',
  },
  noValuesToPrice: {
    en: 'the workspace has no lifetime values yet: run `worth clv {dir:sh}` (after `worth analyze`) before pricing initiatives',
    nl: 'de werkmap heeft nog geen klantwaarden: draai `worth clv {dir:sh}` (na `worth analyze`) voordat u initiatieven doorrekent',
  },
  noTableYet: {
    en: 'the workspace has no {table} table (run `worth analyze` first)',
    nl: 'de werkmap heeft geen tabel {table} (draai eerst `worth analyze`)',
  },
  serveNotOnEngineYet: {
    en: "{what} is not available on this engine yet (the workspace's results are on a ClickHouse server; it is answered on a DuckDB workspace)",
    nl: '{what} is nog niet beschikbaar op deze engine (de resultaten van de werkmap staan op een ClickHouse-server; op een DuckDB-werkmap wordt het beantwoord)',
  },
  tableOfNewerRun: {
    en: 'the workspace has no {table} table (run `worth analyze` again: older runs did not store it)',
    nl: 'de werkmap heeft geen tabel {table} (draai `worth analyze` opnieuw: oudere runs bewaarden die niet)',
  },
  noDatabaseYet: {
    en: '{dir} has no {file} yet (run `worth ingest` and `worth analyze` first)',
    nl: '{dir} heeft nog geen {file} (draai eerst `worth ingest` en `worth analyze`)',
  },
  noInitiative: {
    en: 'no initiative {id} in {folder}/ (found: {found})',
    nl: 'geen initiatief {id} in {folder}/ (gevonden: {found})',
  },
  noSuchEffect: {
    en: '{name}: {value} cannot be set: {file} has no {name} effect (it has: {has})',
    nl: '{name}: {value} kan niet worden ingesteld: {file} heeft geen effect {name} (wel: {has})',
  },
  noneFound: { en: 'none', nl: 'geen' },
  // the HTTP API's own refusals (src/server)
  apiNoRoute: { en: 'no API route {method} {path}', nl: 'geen API-route {method} {path}' },
  apiTooManyRuns: {
    en: 'too many scenario runs at once ({running} running, {waiting} waiting): try again in a moment',
    nl: 'te veel scenarioberekeningen tegelijk ({running} bezig, {waiting} wachtend): probeer het zo opnieuw',
  },
  apiForeignHost: {
    en: 'this server does not answer for Host {host} (expected the address it serves on, or localhost)',
    nl: 'deze server antwoordt niet voor Host {host} (verwacht het adres waarop hij draait, of localhost)',
  },
  apiQueryTooLong: {
    en: 'the query string is longer than {max} characters',
    nl: 'de querystring is langer dan {max} tekens',
  },
  apiToken: {
    en: 'missing or wrong access token (send the header Authorization: Bearer <token>)',
    nl: 'toegangstoken ontbreekt of is onjuist (stuur de header Authorization: Bearer <token>)',
  },
  apiStopping: { en: 'the server is stopping', nl: 'de server stopt' },
  apiRunTooLong: {
    en: 'the scenario run took longer than {seconds} s (ask for fewer draws)',
    nl: 'de scenarioberekening duurde langer dan {seconds} s (vraag om minder trekkingen)',
  },
  apiBodyTooLarge: {
    en: 'the request body is larger than {max} bytes (the API only reads; it takes no bodies)',
    nl: 'de body van het verzoek is groter dan {max} bytes (de API leest alleen; hij neemt geen body aan)',
  },
  apiNoDashboard: {
    en: 'the dashboard is not built in {dir}',
    nl: 'het dashboard is niet gebouwd in {dir}',
  },
  apiOnly: {
    en: 'this server has no dashboard (API only)',
    nl: 'deze server heeft geen dashboard (alleen de API)',
  },
  apiInternal: {
    en: 'internal error (see the server log)',
    nl: 'interne fout (zie het log van de server)',
  },
  // a request's parameter (the API's query and path, the read model's requests): `grain: "week" is not valid (expected ...)`
  notValid: { en: '{value}is not valid ({expected})', nl: '{value}is niet geldig ({expected})' },
  expectedWholeNumber: { en: 'expected a whole number', nl: 'verwacht een geheel getal' },
  expectedPage: {
    en: 'expected a whole number from 1 to {max}',
    nl: 'verwacht een geheel getal van 1 tot en met {max}',
  },
  expectedSegmentName: {
    en: 'expected a segment name of at most {max} characters',
    nl: 'verwacht een segmentnaam van hoogstens {max} tekens',
  },
  expectedDrillLine: {
    en: 'expected one of {values}, or a cost line cost_<activity>',
    nl: 'verwacht een van {values}, of een kostenregel cost_<activiteit>',
  },
  expectedCostLine: {
    en: 'expected a cost line of the cost model: {lines}',
    nl: 'verwacht een kostenregel van het kostenmodel: {lines}',
  },
  expectedFewerEvents: {
    en: "expected a cost line with at most {max} events (use `worth export` for this customer's events)",
    nl: 'verwacht een kostenregel met hoogstens {max} gebeurtenissen (gebruik `worth export` voor de gebeurtenissen van deze klant)',
  },
  expectedRates: {
    en: 'expected rates=<activity>:<rate per minute>,... (e.g. rates=order_handling:0.75){more}',
    nl: 'verwacht rates=<activiteit>:<tarief per minuut>,... (bijv. rates=order_handling:0.75){more}',
  },
  ratesRateForm: {
    en: '; a rate is 0 or more, at most 6 decimals',
    nl: '; een tarief is 0 of meer, met hoogstens 6 decimalen',
  },
  expectedAtMostActivities: {
    en: 'expected at most {max} activities',
    nl: 'verwacht hoogstens {max} activiteiten',
  },
  expectedEachActivityOnce: { en: 'expected each activity once', nl: 'verwacht elke activiteit één keer' },
  expectedTimeActivity: {
    en: 'expected a time-driven activity of this run ({ids})',
    nl: 'verwacht een tijdgedreven activiteit van deze run ({ids})',
  },
  expectedProductGroup: {
    en: 'expected a product group of the order lines',
    nl: 'verwacht een productgroep van de orderregels',
  },
  noRollup: {
    en: 'attribute: {value} has no roll-up (expected one of: {known})',
    nl: 'attribute: {value} heeft geen uitsplitsing (verwacht een van: {known})',
  },
  costModelChangedForDrill: {
    en: 'the cost model in worth.yaml has changed since the last `worth analyze` (activity {id} gives other minutes or money for customer {customer}): run `worth analyze` again to drill this cost line',
    nl: 'het kostenmodel in worth.yaml is veranderd sinds de laatste `worth analyze` (activiteit {id} geeft andere minuten of bedragen voor klant {customer}): draai `worth analyze` opnieuw om deze kostenregel uit te splitsen',
  },
  // the global filters (the dashboard's query, `worth export --filter`, `worth report --filter`)
  filterOption: { en: '--filter: {problem}', nl: '--filter: {problem}' },
  filterUnknownKey: {
    en: '"{value}" is not a filter (expected one of: {keys})',
    nl: '"{value}" is geen filter (verwacht een van: {keys})',
  },
  filterKeyTwice: {
    en: '{key} is given twice (expected it once)',
    nl: '{key} staat er twee keer (verwacht één keer)',
  },
  filterNoValue: {
    en: '{key} has no value (expected a value after {key}=)',
    nl: '{key} heeft geen waarde (verwacht een waarde na {key}=)',
  },
  filterPeriodAndFromTo: {
    en: 'period "{value}" is given beside from/to (expected one of the two)',
    nl: 'period "{value}" staat naast from/to (verwacht één van de twee)',
  },
  filterPeriodForm: {
    en: 'period "{value}" is not a range of months (expected YYYY-MM..YYYY-MM, e.g. 2025-01..2025-03; one end may be left open, or one month alone)',
    nl: 'period "{value}" is geen reeks maanden (verwacht JJJJ-MM..JJJJ-MM, bijv. 2025-01..2025-03; één kant mag open blijven, of één maand alleen)',
  },
  filterMonthForm: {
    en: '{key} "{value}" is not a month (expected YYYY-MM, e.g. 2024-03)',
    nl: '{key} "{value}" is geen maand (verwacht JJJJ-MM, bijv. 2024-03)',
  },
  filterToBeforeFrom: {
    en: 'to "{value}" is before from "{from}" (expected a month from {from} on)',
    nl: 'to "{value}" ligt vóór from "{from}" (verwacht een maand vanaf {from})',
  },
  filterValueTooLong: {
    en: '{key} "{value}…" is too long (expected at most {max} characters)',
    nl: '{key} "{value}…" is te lang (verwacht hoogstens {max} tekens)',
  },
  filterNoAttribute: {
    en: '{key} "{value}" cannot be applied: the customers have no {key} column (expected an attribute the customers have)',
    nl: '{key} "{value}" kan niet worden toegepast: de klanten hebben geen kolom {key} (verwacht een kenmerk dat de klanten hebben)',
  },
  segmentDrillNoSegment: {
    en: 'segment is missing (expected the segment whose figure to drill, e.g. segment=Retail)',
    nl: 'segment ontbreekt (verwacht het segment waarvan het bedrag wordt uitgesplitst, bijv. segment=Retail)',
  },
  segmentDrillLine: {
    en: 'line "{value}" cannot be drilled for a segment (expected one of {lines})',
    nl: 'line "{value}" kan voor een segment niet worden uitgesplitst (verwacht een van {lines})',
  },
  filterNoMonths: {
    en: 'a period filter needs the months of the customer P&L, which this run did not store (run `worth analyze` again)',
    nl: 'een filter op periode heeft de maanden van de klantwinstrekening nodig, die deze run niet bewaarde (draai `worth analyze` opnieuw)',
  },
  filterTableWhole: {
    en: '{table} is the whole company, on the dashboard too: the filters do not narrow it (export it without --filter; with --filter: {tables})',
    nl: '{table} is het hele bedrijf, ook op het dashboard: de filters beperken het niet (exporteer het zonder --filter; met --filter: {tables})',
  },
  filterSheetsWhole: {
    en: 'left out under --filter, as the whole company: {tables}',
    nl: 'weggelaten bij --filter, omdat ze het hele bedrijf zijn: {tables}',
  },
  // the workspace and its files
  notAFolder: {
    en: 'is not a folder (run `worth init DIR` or `worth demo DIR` to make one)',
    nl: 'is geen map (maak er een met `worth init MAP` of `worth demo MAP`)',
  },
  configNotFound: {
    en: 'not found (run `worth init {dir:sh}` to write a template)',
    nl: 'niet gevonden (schrijf een sjabloon met `worth init {dir:sh}`)',
  },
  configExists: { en: 'already exists; not overwritten', nl: 'bestaat al; niet overschreven' },
  fileNotFound: { en: 'not found (looked for {path})', nl: 'niet gevonden (gezocht naar {path})' },
  lookupNoColumn: {
    en: 'has no column {column} (expected one of its columns: {found})',
    nl: 'heeft geen kolom {column} (verwacht een van de kolommen: {found})',
  },
  lookupColumnTwice: {
    en: "{column} is a column of the lines' file {lines} too, or the key: name the orders file's columns that the lines do not have (rename one of the two if both hold one)",
    nl: '{column} is ook een kolom van het regelbestand {lines}, of de sleutel: noem de kolommen van het ordersbestand die de regels niet hebben (hernoem er een als beide er een hebben)',
  },
  patternMatchesNothing: {
    en: 'matches no file (looked in {dir})',
    nl: 'past op geen enkel bestand (gezocht in {dir})',
  },
  fileListedTwice: {
    en: 'is named twice ({first} and {second}); a file loaded twice would count its money twice',
    nl: 'staat er twee keer in ({first} en {second}); een bestand dat twee keer wordt ingelezen telt zijn bedragen dubbel',
  },
  columnsDiffer: {
    en: 'has other columns than {first}, another file of the same source: {difference} (expected the same columns in every file of a source)',
    nl: 'heeft andere kolommen dan {first}, een ander bestand van dezelfde bron: {difference} (verwacht dezelfde kolommen in elk bestand van een bron)',
  },
  columnOnlyIn: { en: 'column {column} only in {file}', nl: 'kolom {column} alleen in {file}' },
  emptyFile: {
    en: 'is empty (expected at least a header line)',
    nl: 'is leeg (verwacht minstens een kopregel)',
  },
  isAFolder: {
    en: 'is a folder, not a file (load every file in it with a pattern: {pattern})',
    nl: 'is een map, geen bestand (lees alle bestanden erin met een patroon: {pattern})',
  },
  activitySubject: {
    en: '{file} line {line}, activity {id} ({what})',
    nl: '{file} regel {line}, activiteit {id} ({what})',
  },
  activitySubjectNoLine: { en: '{file}, activity {id} ({what})', nl: '{file}, activiteit {id} ({what})' },
  optionNotSupported: {
    en: '{option} {value} is not supported (expected {expected})',
    nl: '{option} {value} wordt niet ondersteund (verwacht {expected})',
  },
  optionNotPort: {
    en: '--port {value} is not a port (expected an integer 0-65535)',
    nl: '--port {value} is geen poort (verwacht een geheel getal 0-65535)',
  },
  noDatabase: { en: '{dir} has no {file} yet ({missing})', nl: '{dir} heeft nog geen {file} ({missing})' },
  writerBusy: {
    en: '{dir} is being written by `{command}` (pid {pid}); {waited} (set WORTH_WRITE_WAIT in seconds to wait longer, or run again when it is done)',
    nl: '{dir} wordt geschreven door `{command}` (pid {pid}); {waited} (zet WORTH_WRITE_WAIT op het aantal seconden om langer te wachten, of draai opnieuw als het klaar is)',
  },
  writerWaited: { en: 'waited {s} s for it to finish', nl: '{s} s gewacht tot het klaar was' },
  writerNotWaiting: { en: 'not waiting', nl: 'niet gewacht' },
  writerWaiting: {
    en: 'waiting for `{command}` (pid {pid}) to finish writing {dir}',
    nl: 'wacht tot `{command}` (pid {pid}) klaar is met schrijven in {dir}',
  },
  runIngestFirst: { en: 'run `worth ingest` first', nl: 'draai eerst `worth ingest`' },
  runAnalyzeFirst: {
    en: 'run `worth ingest` and `worth analyze` first',
    nl: 'draai eerst `worth ingest` en `worth analyze`',
  },
  runClvFirst: {
    en: 'run `worth ingest`, `worth analyze` and `worth clv` first',
    nl: 'draai eerst `worth ingest`, `worth analyze` en `worth clv`',
  },
  // worth.yaml
  yamlInvalid: { en: '{file} is not valid YAML:', nl: '{file} is geen geldige YAML:' },
  yamlTabIndent: {
    en: 'starts with a tab (YAML indents with spaces only: replace the tab at the start of this line, and of the lines below it, with as many spaces as the lines above use)',
    nl: 'begint met een tab (YAML springt alleen in met spaties: vervang de tab aan het begin van deze regel, en van de regels eronder, door zoveel spaties als de regels erboven gebruiken)',
  },
  configProblem: { en: '{file} has 1 problem:', nl: '{file} heeft 1 probleem:' },
  configProblems: { en: '{file} has {n|problem|problems}:', nl: '{file} heeft {n|probleem|problemen}:' },
  unknownSetting: { en: 'unknown setting {names}{known}', nl: 'onbekende instelling {names}{known}' },
  unknownSettings: { en: 'unknown settings {names}{known}', nl: 'onbekende instellingen {names}{known}' },
  settingName: { en: '{name}{hint}', nl: '{name}{hint}' },
  didYouMean: { en: ' (did you mean {key}?)', nl: ' (bedoeld: {key}?)' },
  knownHere: { en: ' (known here: {keys})', nl: ' (hier bekend: {keys})' },
  badSetting: { en: '{value}: {expected}', nl: '{value}: {expected}' },
  settingMissing: { en: 'missing', nl: 'ontbreekt' },
  expectedOneOf: { en: 'expected one of {values}', nl: 'verwacht een van {values}' },
  expectedType: { en: 'expected {type}', nl: 'verwacht {type}' },
  expectedAtMost: { en: 'expected a number {op} {max}', nl: 'verwacht een getal {op} {max}' },
  expectedAtLeast: { en: 'expected a number {op} {min}', nl: 'verwacht een getal {op} {min}' },
  expectedMessage: { en: '{message}', nl: '{message}' },
  typeString: { en: 'string', nl: 'tekst' },
  typeNumber: { en: 'number', nl: 'getal' },
  typeBoolean: { en: 'boolean', nl: 'true of false' },
  typeObject: { en: 'object', nl: 'een lijst van instellingen' },
  typeArray: { en: 'array', nl: 'een lijst' },
  typeInt: { en: 'a whole number', nl: 'een geheel getal' },
  // formulas
  formula: {
    en: '{subject}, formula {formula}{where}: {message}',
    nl: '{subject}, formule {formula}{where}: {message}',
  },
  formulaWhere: { en: ', position {n}', nl: ', positie {n}' },
  unknownName: {
    en: 'unknown name {name} (expected one of: {known})',
    nl: 'onbekende naam {name} (verwacht een van: {known})',
  },
  unknownFunction: {
    en: 'unknown function {name}() (expected one of: {known})',
    nl: 'onbekende functie {name}() (verwacht een van: {known})',
  },
  // the load's guards
  loadRefused: {
    en: 'load refused, the previous load is kept.',
    nl: 'lading geweigerd, de vorige lading blijft staan.',
  },
  overBudget: {
    en: '{table}: {rejected} of {read|line|lines} rejected ({share}){money}, over the reject budget of {budget} (max_rejected_share in worth.yaml); the reasons are listed above and every rejected line is in rejects.failed.csv.{floor}',
    nl: '{table}: {rejected} van {read|regel|regels} afgewezen ({share}){money}, boven het afwijsbudget van {budget} (max_rejected_share in worth.yaml); de redenen staan hierboven en elke afgewezen regel staat in rejects.failed.csv.{floor}',
  },
  overBudgetFloor: {
    en: ' The floor of {n|line|lines} (with their money) that a table this small may always reject (reject_floor) is passed too.',
    nl: ' Ook de ondergrens van {n|regel|regels} (met hun geld) die een zo kleine tabel altijd mag afwijzen (reject_floor) is overschreden.',
  },
  overBudgetMoney: {
    en: ' and {share} of {column} ({rejected} of {read})',
    nl: ' en {share} van {column} ({rejected} van {read})',
  },
  tableEmpty: {
    en: '{table}: no rows loaded{files}{before}; an analysis needs {table}: check that the file has data lines under its header.',
    nl: '{table}: geen rijen geladen{files}{before}; een analyse heeft {table} nodig: kijk of het bestand gegevensregels onder de kopregel heeft.',
  },
  tableEmptyFiles: { en: ' from {files}', nl: ' uit {files}' },
  tableEmptyBefore: { en: ' (the previous load has {n})', nl: ' (de vorige lading heeft er {n})' },
  tableShrunk: {
    en: '{table}: {now} rows against {was} in the previous load ({share} fewer); if that is right, run `worth ingest --accept-shrink`.',
    nl: '{table}: {now} rijen tegen {was} in de vorige lading ({share} minder); klopt dat, draai dan `worth ingest --accept-shrink`.',
  },
  // the machine and the database (src/cli's handler)
  diskFull: {
    en: 'the disk is full: {file} could not be written (free some space and run the command again)',
    nl: 'de schijf is vol: {file} kon niet worden geschreven (maak ruimte vrij en draai de opdracht opnieuw)',
  },
  engineOutOfMemory: {
    en: 'the database engine ran out of memory at its limit of {limit} (this machine has {total}); nothing of this run was written and the previous results are as they were. Raise the limit, e.g. `WORTH_MEMORY_LIMIT=8GB worth ...`, or free memory, and run the command again',
    nl: 'de database-engine had te weinig geheugen bij zijn grens van {limit} (deze machine heeft {total}); niets van deze run is weggeschreven en de vorige resultaten zijn zoals ze waren. Verhoog de grens, bijvoorbeeld `WORTH_MEMORY_LIMIT=8GB worth ...`, of maak geheugen vrij, en draai de opdracht opnieuw',
  },
  optionWholeNumber: {
    en: '--{name}: {value} is not valid (expected a whole number from 0 to {max})',
    nl: '--{name}: {value} is niet geldig (verwacht een geheel getal van 0 tot en met {max})',
  },
  interrupted: {
    en: 'interrupted: nothing of this run was written; the previous results and files are as they were{where}',
    nl: 'onderbroken: niets van deze run is weggeschreven; de vorige resultaten en bestanden zijn zoals ze waren{where}',
  },
  interruptedIn: {
    en: ' ({dir})',
    nl: ' ({dir})',
  },
  previousKept: {
    en: '; the previous {file} is kept as it was',
    nl: '; het vorige {file} blijft zoals het was',
  },
  permissionRead: {
    en: '{file}: permission denied (expected a file or folder this user may read; check its permissions)',
    nl: '{file}: geen toegang (verwacht een bestand of map die deze gebruiker mag lezen; controleer de rechten)',
  },
  permissionWrite: {
    en: '{file}: permission denied (expected a file or folder this user may read and write; check its permissions)',
    nl: '{file}: geen toegang (verwacht een bestand of map die deze gebruiker mag lezen en schrijven; controleer de rechten)',
  },
  readOnlyFs: {
    en: '{file} is on a read-only file system (expected a folder Worth may write to)',
    nl: '{file} staat op een alleen-lezen bestandssysteem (verwacht een map waarin Worth mag schrijven)',
  },
  noSuchPath: {
    en: '{file} does not exist (expected an existing file, or an existing folder to write into)',
    nl: '{file} bestaat niet (verwacht een bestaand bestand, of een bestaande map om in te schrijven)',
  },
  notADir: {
    en: '{file}: a part of this path is a file, not a folder (expected a folder)',
    nl: '{file}: een deel van dit pad is een bestand, geen map (verwacht een map)',
  },
  isADir: { en: '{file} is a folder (expected a file)', nl: '{file} is een map (verwacht een bestand)' },
  portInUse: {
    en: 'port {port} on {address} is already in use (another `worth serve` or another program listens there; stop it, or choose another port with --port)',
    nl: 'poort {port} op {address} is al in gebruik (een andere `worth serve` of een ander programma luistert daar; stop het, of kies een andere poort met --port)',
  },
  thisMachine: { en: 'this machine', nl: 'deze machine' },
  aFile: { en: 'a file', nl: 'een bestand' },
  theDatabase: { en: 'the workspace database', nl: 'de database van de werkmap' },
  addressNotHere: {
    en: 'address {address} is not an address of this machine (expected one of its own addresses for --host)',
    nl: 'adres {address} is geen adres van deze machine (verwacht een van haar eigen adressen voor --host)',
  },
  tooManyFiles: {
    en: 'too many files are open for this command: raise the limit on open files (ulimit -n 1024) and run again',
    nl: 'er staan te veel bestanden open voor deze opdracht: verhoog de grens op open bestanden (ulimit -n 1024) en draai opnieuw',
  },
  databaseLocked: {
    en: '{file} is in use by another Worth process (a running command or `worth serve`); wait for it to finish, or stop it, and run again',
    nl: '{file} is in gebruik door een ander Worth-proces (een lopende opdracht of `worth serve`); wacht tot het klaar is, of stop het, en draai opnieuw',
  },
  databaseCorrupt: {
    en: '{file} is damaged or is not a Worth database (expected the worth.duckdb written by `worth ingest`; delete it and run `worth ingest` again)',
    nl: '{file} is beschadigd of geen Worth-database (verwacht de worth.duckdb die `worth ingest` schrijft; verwijder haar en draai `worth ingest` opnieuw)',
  },
  // a ClickHouse server (worth.yaml's engine)
  clickhouseUnreachable: {
    en: 'the ClickHouse server at {url} does not answer (expected a running server there; check engine.url in worth.yaml and that the server is up)',
    nl: 'de ClickHouse-server op {url} antwoordt niet (verwacht een draaiende server daar; controleer engine.url in worth.yaml en of de server draait)',
  },
  clickhouseLogin: {
    en: 'the ClickHouse server at {url} refused user {user} (expected the password in the environment variable {env}; check it and engine.user in worth.yaml)',
    nl: 'de ClickHouse-server op {url} weigerde gebruiker {user} (verwacht het wachtwoord in de omgevingsvariabele {env}; controleer die en engine.user in worth.yaml)',
  },
  clickhouseNoDatabase: {
    en: 'the ClickHouse server at {url} has no database {database} (expected an existing database; create it or check engine.database in worth.yaml)',
    nl: 'de ClickHouse-server op {url} heeft geen database {database} (verwacht een bestaande database; maak haar aan of controleer engine.database in worth.yaml)',
  },
  clickhouseShardDown: {
    en: 'shard {shard} ({host}) of the ClickHouse cluster {cluster} does not answer (expected every shard up: each holds its own customers, so nothing can be computed without it; start it and run the command again, the previous results are as they were)',
    nl: 'shard {shard} ({host}) van het ClickHouse-cluster {cluster} antwoordt niet (verwacht elke shard in de lucht: elke shard houdt haar eigen klanten, dus zonder haar valt niets te berekenen; start haar en draai de opdracht opnieuw, de vorige uitkomsten zijn zoals ze waren)',
  },
  clickhouseDateRange: {
    en: 'table {table}, column {column} holds the date {date}, which ClickHouse 18.16 cannot store (expected dates from 1970-01-02 to 2105-12-31: the server would keep another date without a word; nothing was loaded, the previous tables are as they were)',
    nl: 'tabel {table}, kolom {column} bevat de datum {date}, die ClickHouse 18.16 niet kan opslaan (verwacht datums van 1970-01-02 tot en met 2105-12-31: de server zou zonder melding een andere datum bewaren; er is niets geladen, de vorige tabellen zijn zoals ze waren)',
  },
  clickhouseNoCluster: {
    en: 'the ClickHouse server at {url} has no cluster {cluster} (expected a cluster its remote_servers configuration names; check engine.cluster in worth.yaml)',
    nl: 'de ClickHouse-server op {url} kent geen cluster {cluster} (verwacht een cluster dat zijn remote_servers-configuratie noemt; controleer engine.cluster in worth.yaml)',
  },
  engineNotYet: {
    en: 'engine kind {kind} is not yet supported by the commands (ingest, analyze, clv, serve run on DuckDB only for now; expected duckdb, or remove the engine section)',
    nl: 'engine kind {kind} wordt nog niet door de opdrachten ondersteund (ingest, analyze, clv en serve draaien voorlopig alleen op DuckDB; verwacht duckdb, of verwijder de engine-sectie)',
  },
  clickhouseNotLoaded: {
    en: 'the ClickHouse database {database} at {url} has no canonical tables yet (expected order_lines there: run `worth ingest` first)',
    nl: 'de ClickHouse-database {database} op {url} heeft nog geen canonieke tabellen (verwacht order_lines daar: draai eerst `worth ingest`)',
  },
  engineCommandNotYet: {
    en: 'engine kind {kind} does not run this command yet (only {runs} run on it for now; expected duckdb for this command, or remove the engine section)',
    nl: 'engine kind {kind} draait deze opdracht nog niet (alleen {runs} draaien er voorlopig op; verwacht duckdb voor deze opdracht, of verwijder de engine-sectie)',
  },
  numberTooLarge: {
    en: 'a total is too large to be kept as exact money (the database refused it rather than wrap it around; expected amounts in range: check the sources for a misplaced decimal mark or an amount read from the wrong column)',
    nl: 'een totaal is te groot om als exact geldbedrag te bewaren (de database weigerde het in plaats van het rond te laten lopen; verwacht bedragen binnen bereik: controleer de bronnen op een verkeerd decimaalteken of een bedrag uit de verkeerde kolom)',
  },
  clickhousePasswordUnset: {
    en: 'the environment variable {env} is not set (expected the ClickHouse password in it, as engine.password_env in worth.yaml says)',
    nl: 'de omgevingsvariabele {env} is niet gezet (verwacht het ClickHouse-wachtwoord erin, zoals engine.password_env in worth.yaml zegt)',
  },
  internal: {
    en: 'internal error (a fault in Worth, not in your data): {where}; run again with --debug to print them here, and send them with a bug report',
    nl: 'interne fout (een fout in Worth, niet in de gegevens): {where}; draai opnieuw met --debug om ze hier te tonen, en stuur ze mee met een foutmelding',
  },
  // the browser that prints the PDF
  chromiumNotExecutable: {
    en: 'WORTH_CHROMIUM={file} is not an executable file (expected the path of a Chromium or Chrome binary, or unset it to use the browser that comes with npm ci)',
    nl: 'WORTH_CHROMIUM={file} is geen uitvoerbaar bestand (verwacht het pad van een Chromium- of Chrome-programma, of haal de variabele weg om de browser te gebruiken die met npm ci komt)',
  },
  chromiumNone: {
    en: 'no browser found: neither WORTH_CHROMIUM, a system Chromium (/usr/bin/chromium) nor the npm package @sparticuz/chromium is there (run `npm ci`)',
    nl: 'geen browser gevonden: WORTH_CHROMIUM, een Chromium van het systeem (/usr/bin/chromium) en het npm-pakket @sparticuz/chromium ontbreken alle drie (draai `npm ci`)',
  },
  chromiumIncomplete: {
    en: 'the npm browser is incomplete: {file} is missing (run `npm ci` again)',
    nl: 'de npm-browser is onvolledig: {file} ontbreekt (draai `npm ci` opnieuw)',
  },
  chromiumNoSpace: {
    en: 'no space left in {dir} to unpack the browser (about 200 MB; free space, or set TMPDIR or WORTH_CHROMIUM)',
    nl: 'geen ruimte meer in {dir} om de browser uit te pakken (ongeveer 200 MB; maak ruimte vrij, of zet TMPDIR of WORTH_CHROMIUM)',
  },
  chromiumUnpack: {
    en: 'could not unpack the browser into {dir}: {message}',
    nl: 'de browser kon niet worden uitgepakt in {dir}: {message}',
  },
  chromiumStart: {
    en: 'cannot start Chromium at {file} ({which}): {message}',
    nl: 'Chromium in {file} start niet ({which}): {message}',
  },
  chromiumFromEnv: { en: 'from WORTH_CHROMIUM', nl: 'uit WORTH_CHROMIUM' },
  chromiumSystem: {
    en: 'the system browser; set WORTH_CHROMIUM to use another',
    nl: 'de browser van het systeem; zet WORTH_CHROMIUM om een andere te gebruiken',
  },
  chromiumNpm: {
    en: 'the browser from the npm package @sparticuz/chromium',
    nl: 'de browser uit het npm-pakket @sparticuz/chromium',
  },
  logWritten: { en: 'the details are in {file}', nl: 'de details staan in {file}' },
  logNotWritten: {
    en: 'the details could not be written to a log file',
    nl: 'de details konden niet in een logbestand worden geschreven',
  },
} as const satisfies Catalogue;

/** A key of the error catalogue. */
export type ErrorWord = keyof typeof ERROR_WORDS;

/** A value in an error sentence: text as is, a number written in the reader's language (`decimal`: as written, with its decimal mark), or a sentence. */
export type ErrorVar =
  | string
  | { int: number }
  | { pct: number }
  | { money: string }
  | { decimal: string }
  | { list: readonly ErrorText[] }
  | ErrorText;

/** An error sentence as data: its key and values; `then` follows it, space-separated (a refused load's problems). */
export interface ErrorText {
  key: ErrorWord;
  vars?: Readonly<Record<string, ErrorVar>>;
  then?: readonly ErrorText[];
}

/** The sentence `t` in `lang`, its numbers in that language's style. */
export function errorText(lang: Lang, t: ErrorText): string {
  const n = textNumbers(lang);
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(t.vars ?? {})) {
    if (typeof v === 'string') vars[k] = v;
    else if ('int' in v) vars[k] = n.int(v.int);
    else if ('pct' in v) vars[k] = n.pct(v.pct);
    else if ('money' in v) vars[k] = n.money(v.money);
    else if ('decimal' in v) vars[k] = lang === 'nl' ? v.decimal.replace('.', ',') : v.decimal;
    else if ('list' in v) vars[k] = v.list.map((p) => errorText(lang, p)).join(', ');
    else vars[k] = errorText(lang, v);
  }
  return [fill(ERROR_WORDS[t.key][lang], vars), ...(t.then ?? []).map((p) => errorText(lang, p))].join(' ');
}

/** Where a problem is, as a WorthError's location carries it. */
export interface PlaceWords {
  file?: string;
  line?: number;
  column?: string;
  path?: string;
  position?: number;
}

/** A location in `lang`: `order_lines.csv regel 12, kolom quantity`, `worth.yaml regel 3 at sources.x`. */
export function placeText(lang: Lang, loc: PlaceWords): string {
  const w = (key: ErrorWord, vars: Record<string, string>) => fill(ERROR_WORDS[key][lang], vars);
  let out = loc.file ?? '';
  if (loc.line !== undefined) out += `${out ? ' ' : ''}${w('line', { n: String(loc.line) })}`;
  if (loc.column) out += `${out ? ', ' : ''}${w('column', { name: loc.column })}`;
  if (loc.path) out += `${out ? w('at', {}) : ''}${loc.path}`;
  if (loc.position !== undefined)
    out += `${out ? ', ' : ''}${w('position', { n: String(loc.position + 1) })}`;
  return out;
}

/**
 * A parameter's bad value and what was expected, said in either language: `"week" is not
 * valid (expected one of month, quarter)`; the place (`grain: `) comes from the error's
 * location. `value` is shown as JSON, cut at 100 characters.
 */
export function notValidText(value: unknown, expected: ErrorText): ErrorText {
  const shown =
    value === undefined ? '' : `${JSON.stringify(typeof value === 'string' ? value.slice(0, 100) : value)} `;
  return { key: 'notValid', vars: { value: shown, expected } };
}
