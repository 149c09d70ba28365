/**
 * The CLI's words in Dutch and English: the ingest summary, `init --from`'s preview, `clv`,
 * `scenario` and `report` output. Column headers are `|`-separated (split by the printer).
 * Errors raised deep in the stages (WorthError: file, line, column, value, expectation) stay
 * in English, like the rejects file's reasons: they are matched by support and searched for.
 */
import { fill, type Catalogue } from './catalogue.ts';
import type { Lang } from './lang.ts';

/** Every word the CLI prints outside the analysis text; a key without its Dutch (or English) side does not compile. */
export const CLI_WORDS = {
  // ingest
  reading: { en: 'reading {file}', nl: '{file} lezen' },
  progressSteps: { en: 'steps', nl: 'stappen' },
  previousUnreadable: {
    en: 'could not read the previous load ({file}) to compare table sizes; the shrink check is skipped',
    nl: 'de vorige lading ({file}) kon niet worden gelezen om de tabelgroottes te vergelijken; de controle op krimp is overgeslagen',
  },
  initCopy: { en: '{file}: copying the export', nl: '{file}: export kopiëren' },
  initSniff: { en: '{file}: reading the export', nl: '{file}: export lezen' },
  initRecognise: { en: '{file}: recognising the columns', nl: '{file}: kolommen herkennen' },
  initPreview: { en: '{file}: trial load', nl: '{file}: proeflading' },
  analyzeCosting: { en: 'costing activities', nl: 'activiteiten doorrekenen' },
  analyzePnl: { en: 'building the customer P&L', nl: 'winst-en-verliesrekening per klant opbouwen' },
  analyzeAnalyses: {
    en: 'analyses: whale curve, roll-ups, matrix, voice of customer, loss explanations',
    nl: 'analyses: walviscurve, uitsplitsingen, matrix, stem van de klant, verklaring van verliezen',
  },
  analyzeMonthly: {
    en: 'the customer P&L by month, per segment and per first-order cohort',
    nl: 'de winst-en-verliesrekening per maand, per segment en per cohort van eerste bestelling',
  },
  ingestOnClickHouse: {
    en: 'ClickHouse at {url}, database {database}: the sources are read and checked on DuckDB in the workspace (its file keeps the load and the rejects), then the canonical tables are loaded into ClickHouse',
    nl: 'ClickHouse op {url}, database {database}: de bronnen worden op DuckDB in de werkmap gelezen en gecontroleerd (het bestand daar bewaart de lading en de afgekeurde regels), daarna worden de canonieke tabellen in ClickHouse geladen',
  },
  loadedIntoClickHouse: {
    en: 'loaded into ClickHouse: {tables}',
    nl: 'in ClickHouse geladen: {tables}',
  },
  analyzeOnClickHouse: {
    en: 'ClickHouse at {url}, database {database}: the cost model, the customer P&L and the analyses run there; not yet on ClickHouse: the monthly P&L, report and export',
    nl: 'ClickHouse op {url}, database {database}: het kostenmodel, de winst-en-verliesrekening per klant en de analyses draaien daar; nog niet op ClickHouse: de maandcijfers, report en export',
  },
  clvOnClickHouse: {
    en: 'ClickHouse at {url}, database {database}: the purchase summaries, the holdout split and the margin rates are computed there, the models are fitted here on the per-customer summary, and the lifetime values are written back there',
    nl: 'ClickHouse op {url}, database {database}: de aankoopsamenvattingen, de holdout-splitsing en de margepercentages worden daar berekend, de modellen worden hier op de samenvatting per klant geschat en de klantwaarden worden daar teruggeschreven',
  },
  monthlyNotOnEngine: {
    en: '{engine} has no window functions: pnl_monthly, pnl_monthly_segment and cohort_monthly are not written',
    nl: '{engine} heeft geen vensterfuncties: pnl_monthly, pnl_monthly_segment en cohort_monthly zijn niet geschreven',
  },
  readTyped: { en: 'read typed: {files}', nl: 'getypeerd gelezen: {files}' },
  readAsText: { en: 'read as text: {files}', nl: 'als tekst gelezen: {files}' },
  reconciliationHead: {
    en: 'table|rows read|loaded|rejected|unattributed|amount|read ({currency})|loaded|rejected',
    nl: 'tabel|rijen gelezen|geladen|afgewezen|zonder klant|bedrag|gelezen ({currency})|geladen|afgewezen',
  },
  lookupRead: {
    en: '{file}: {read|row|rows} read ({rejected} rejected), {used|order|orders} for the lines of {table}; {without|order has|orders have} no lines (counted, not an error).',
    nl: '{file}: {read|regel|regels} gelezen ({rejected} afgekeurd), {used|order|orders} voor de regels van {table}; {without|order heeft|orders hebben} geen regels (geteld, geen fout).',
  },
  estimatedLines: {
    en: '{n|order line has|order lines have} an estimated cost of goods (figures built on them are marked estimated).',
    nl: '{n|orderregel heeft|orderregels hebben} een geschatte inkoopwaarde (cijfers die erop berusten zijn als geschat gemarkeerd).',
  },
  estimatedReturns: {
    en: '{n|return takes|returns take} back an estimated cost of goods, at the rate of the sale it returns.',
    nl: '{n|retour neemt|retouren nemen} een geschatte inkoopwaarde terug, tegen het tarief van de teruggenomen verkoop.',
  },
  excludedByRule: {
    en: '{table} ({file}): {n|line|lines} ({amount} {column}) left out by your rule `{rule}` (first: line {line}); not rejects',
    nl: '{table} ({file}): {n|regel|regels} ({amount} {column}) weggelaten door uw regel `{rule}` (eerste: regel {line}); geen afwijzingen',
  },
  /** The money of excluded order lines (their net sales), as excludedByRule names it. */
  excludedNet: { en: 'net', nl: 'netto' },
  notThisTable: {
    en: '{table} ({file}): your rule `{rule}` takes no {table} from {n|line|lines} of this file, which {others} reads too; not rejects',
    nl: '{table} ({file}): uw regel `{rule}` neemt geen {table} uit {n|regel|regels} van dit bestand, dat ook {others} leest; geen afwijzingen',
  },
  excludedNone: {
    en: '{table} ({file}): no lines left out by your rule `{rule}`',
    nl: '{table} ({file}): geen regels weggelaten door uw regel `{rule}`',
  },
  problemsWritten: {
    en: '{n|problem|problems} written to {file}',
    nl: '{n|probleem|problemen} geschreven naar {file}',
  },
  problemWritten: { en: '1 problem written to {file}', nl: '1 probleem geschreven naar {file}' },
  rejectsTitle: { en: 'Rejects by reason:', nl: 'Afgewezen regels per reden:' },
  rejectsHead: {
    en: 'table|column|reason|rejects|amount ({currency})|first example',
    nl: 'tabel|kolom|reden|afgewezen|bedrag ({currency})|eerste voorbeeld',
  },
  exampleLine: { en: '{file} line {line}: {value}', nl: '{file} regel {line}: {value}' },
  budgetTitle: {
    en: "Reject budget {budget} of a table's lines or money (max_rejected_share){floor}:",
    nl: 'Afwijsbudget {budget} van de regels of het geld van een tabel (max_rejected_share){floor}:',
  },
  budgetFloor: {
    en: ', and at least {n} lines (with their money) in a table under {small} lines (reject_floor)',
    nl: ', en minstens {n} regels (met hun geld) in een tabel onder {small} regels (reject_floor)',
  },
  budgetShare: {
    en: '{table}: {lines} of lines{amount}{over}',
    nl: '{table}: {lines} van de regels{amount}{over}',
  },
  budgetAmount: { en: ', {share} of {column}', nl: ', {share} van {column}' },
  overBudget: { en: ': over the budget', nl: ': boven het budget' },
  // init
  wroteTemplate: {
    en: 'wrote {file}: name your files and columns, then run `worth ingest {dir:sh}`',
    nl: '{file} geschreven: vul de bestanden en kolommen in en draai dan `worth ingest {dir:sh}`',
  },
  // init --from
  wrote: {
    en: 'wrote {config} (the export is copied to {data})',
    nl: '{config} geschreven (de export is gekopieerd naar {data})',
  },
  recognised: { en: 'recognised: {columns}', nl: 'herkend: {columns}' },
  notUsed: { en: 'not used: {columns}', nl: 'niet gebruikt: {columns}' },
  vatIncluded: {
    en: 'CHECK: {column} includes VAT and the export has no amount excluding VAT, VAT amount or VAT rate that Worth can read: revenue would include VAT. Map gross_amount in worth.yaml to the amount excluding VAT.',
    nl: 'CONTROLEER: {column} is inclusief btw en de export heeft geen bedrag exclusief btw, btw-bedrag of btw-tarief dat Worth kan lezen: de omzet zou inclusief btw zijn. Zet gross_amount in worth.yaml op het bedrag exclusief btw.',
  },
  vatNet: { en: 'VAT: {why}', nl: 'btw: {why}' },
  customerSplit: { en: 'customer id and name: {why}', nl: 'klantnummer en naam: {why}' },
  customerTwoNames: {
    en: 'CHECK: {n} customer ids have more than one name in {column} (first: {id} as "{a}" and "{b}"); each id is one customer, named by its latest line',
    nl: 'CONTROLEER: {n} klantnummers hebben meer dan één naam in {column} (eerste: {id} als "{a}" en "{b}"); elk nummer is één klant, met de naam van de laatste regel',
  },
  filledDown: {
    en: "on an order's first line only, filled down to its other lines: {columns}",
    nl: 'alleen op de eerste regel van een order, aangevuld op de andere regels: {columns}',
  },
  shippingNotLoaded: {
    en: '{column}: {amount} charged for delivery on {n|order|orders} is not loaded (not a sale of goods)',
    nl: '{column}: {amount} aan verzendkosten op {n|order|orders} wordt niet geladen (geen verkoop van goederen)',
  },
  shippingDiscountNotLoaded: {
    en: '{column}: {amount} off delivery on {n|line|lines} is not loaded either (it lowers the delivery fee, not the price of the goods)',
    nl: '{column}: {amount} korting op verzending op {n|regel|regels} wordt evenmin geladen (het verlaagt de verzendkosten, niet de prijs van de goederen)',
  },
  refundsNotLoaded: {
    en: '{column}: {amount} refunded on {n|order|orders} is not loaded as returns (the export does not say which lines came back)',
    nl: '{column}: {amount} terugbetaald op {n|order|orders} wordt niet als retour geladen (de export zegt niet welke regels terugkwamen)',
  },
  netMismatch: {
    en: 'check: on {n|line|lines} without a discount {net} is not {qty} x {price} (first: line {line}); the difference is taken as a discount',
    nl: 'controleer: op {n|regel|regels} zonder korting is {net} niet {qty} x {price} (eerste: regel {line}); het verschil telt als korting',
  },
  cancelledLines: {
    en: '{column}: {n|line says|lines say} {values}: left out of the load by exclude_when in worth.yaml (no sale)',
    nl: '{column}: {n|regel zegt|regels zeggen} {values}: weggelaten uit de lading door exclude_when in worth.yaml (geen verkoop)',
  },
  refundsAsReturns: {
    en: '{column}: {amount} refunded on {n|order loads|orders load} as returns (money only, against the order)',
    nl: '{column}: {amount} terugbetaald op {n|order laadt|orders laden} als retour (alleen geld, op de order)',
  },
  refundedOrdersAsReturns: {
    en: '{column}: {n|line of a refunded order loads|lines of refunded orders load} as a sale and as a return of that line',
    nl: '{column}: {n|regel van een terugbetaalde order laadt|regels van terugbetaalde orders laden} als verkoop en als retour van die regel',
  },
  none: { en: '(none)', nl: '(geen)' },
  trialFails: { en: 'a trial load fails:', nl: 'een proeflading mislukt:' },
  editThenIngest: {
    en: 'edit {config}, then run `worth ingest {dir:sh}`',
    nl: 'pas {config} aan en draai dan `worth ingest {dir:sh}`',
  },
  firstRows: { en: 'first {table} as Worth reads them:', nl: 'eerste {table} zoals Worth ze leest:' },
  wouldLoad: {
    en: '{table}: {read|line|lines} read, {loaded|would load|would load}{unattributed}, {rejected} rejected',
    nl: '{table}: {read|regel|regels} gelezen, {loaded|zou laden|zouden laden}{unattributed}, {rejected} afgewezen',
  },
  withoutCustomer: { en: ' ({n} without a customer)', nl: ' ({n} zonder klant)' },
  trialRefused: { en: 'a trial load is refused: {reason}', nl: 'een proeflading wordt geweigerd: {reason}' },
  editMappingThenIngest: {
    en: 'edit {config} (a column mapping, or max_rejected_share), then run `worth ingest {dir:sh}`',
    nl: 'pas {config} aan (een kolomtoewijzing, of max_rejected_share) en draai dan `worth ingest {dir:sh}`',
  },
  nextSteps: {
    en: 'next: `worth ingest {dir:sh}`, `worth analyze {dir:sh}`, `worth report {dir:sh}`',
    nl: 'verder: `worth ingest {dir:sh}`, `worth analyze {dir:sh}`, `worth report {dir:sh}`',
  },
  // clv
  clvHead: {
    en: 'lifetime value over {years} years at {rate} cost of capital, {customers|customer|customers}',
    nl: 'klantwaarde over {years} jaar tegen {rate} kapitaalkosten, {customers|klant|klanten}',
  },
  clvPurchases: {
    en: 'purchases: {model} ({params}; log-likelihood {ll}{converged})',
    nl: 'aankopen: {model} ({params}; log-aannemelijkheid {ll}{converged})',
  },
  clvNotConverged: { en: '; NOT converged', nl: '; NIET geconvergeerd' },
  clvSpend: {
    en: 'spend: Gamma-Gamma on {n} repeat customers ({params})',
    nl: 'besteding: Gamma-Gamma op {n} terugkerende klanten ({params})',
  },
  clvTotals: {
    en: 'CLV on profit {profit} (revenue CLV {revenue})',
    nl: 'klantwaarde op winst {profit} (op omzet {revenue})',
  },
  clvLoss: {
    en: '{n|customer|customers} are expected to lose money over the horizon: together {clv}',
    nl: '{n|klant|klanten} kosten naar verwachting geld over de horizon: samen {clv}',
  },
  purchaseModel: { en: 'purchase model', nl: 'aankoopmodel' },
  paramAtEdge: {
    en: '{value} (at the edge of the parameter space)',
    nl: '{value} (aan de rand van de parameterruimte)',
  },
  spendModel: { en: 'spend model', nl: 'bestedingsmodel' },
  clvPartlyUndetermined: {
    en: '{n|customer|customers} without a determined lifetime value ({why}): stored empty, with the reason, and in none of the totals above, which are over the other {over}',
    nl: '{n|klant|klanten} zonder bepaalde klantwaarde ({why}): leeg opgeslagen, met de reden, en in geen van de totalen hierboven, die over de andere {over} gaan',
  },
  clvUndetermined: {
    en: 'lifetime value: not determined (the model behind it is undetermined, see the warnings below), so no figure to act on: every customer’s figures are stored empty, with the reason (`--json`: "determined": false)',
    nl: 'klantwaarde: niet bepaald (het model erachter is onbepaald, zie de waarschuwingen hieronder), dus geen getal om op te handelen: de cijfers van elke klant staan leeg opgeslagen, met de reden (`--json`: "determined": false)',
  },
  degenerate: {
    en: 'DEGENERATE {what}: do not act on these estimates',
    nl: 'ONBEPAALD {what}: handel niet op deze schattingen',
  },
  marginSegment: {
    en: "every customer's margin rate is its segment's (the data show no difference between customers' rates beyond chance)",
    nl: 'het margepercentage van elke klant is dat van zijn segment (de data tonen geen verschil tussen klanten boven toeval)',
  },
  marginWeighted: {
    en: "each customer's margin rate is weighted toward its segment's by its sales (half weight at {revenue} of invoice revenue)",
    nl: 'het margepercentage van elke klant weegt naar dat van zijn segment naar zijn omzet (half gewicht bij {revenue} gefactureerde omzet)',
  },
  marginLine: {
    en: 'margin rates: {weight}; {moved} moved by more than 10 points, {bounded} held at the -100%/+100% bound',
    nl: 'margepercentages: {weight}; {moved} meer dan 10 punten verschoven, {bounded} op de grens van -100%/+100% gehouden',
  },
  // scenario
  likelyToPay: { en: 'LIKELY TO PAY', nl: 'VERDIENT ZICH WAARSCHIJNLIJK TERUG' },
  moreLikely: { en: 'MORE LIKELY TO PAY THAN NOT', nl: 'VERDIENT ZICH EERDER WEL DAN NIET TERUG' },
  unlikely: { en: 'UNLIKELY TO PAY', nl: 'VERDIENT ZICH WAARSCHIJNLIJK NIET TERUG' },
  doesNotPay: { en: 'DOES NOT PAY', nl: 'VERDIENT ZICH NIET TERUG' },
  scenarioTargets: {
    en: 'targets {targets} ({customers|customer|customers}), {years} years at {rate} cost of capital',
    nl: 'doelgroep {targets} ({customers|klant|klanten}), {years} jaar tegen {rate} kapitaalkosten',
  },
  scenarioNpv: {
    en: 'NPV: expected {mean}; 90% range {p5} to {p95} (median {p50}); P(NPV > 0) {prob} over {draws} draws, seed {seed}',
    nl: 'NCW: verwacht {mean}; 90%-bereik {p5} tot {p95} (mediaan {p50}); kans NCW > 0 {prob} over {draws} trekkingen, seed {seed}',
  },
  scenarioPayback: { en: 'payback: {when}', nl: 'terugverdiend: {when}' },
  paybackNever: { en: 'not within the horizon', nl: 'niet binnen de horizon' },
  paybackNoRisk: { en: 'no money at risk', nl: 'geen geld op het spel' },
  paybackYear: { en: 'year {year}', nl: 'jaar {year}' },
  scenarioBreakEven: { en: 'break-even: {text}', nl: 'break-even: {text}' },
  breakEvenNone: {
    en: 'no value of {effect} within range makes the expected NPV zero (it keeps one sign)',
    nl: 'geen waarde van {effect} binnen bereik maakt de verwachte NCW nul (die houdt één teken)',
  },
  breakEvenText: {
    en: '{effect} {rule} for the expected NPV to be positive{assumed}',
    nl: '{effect} {rule} voor een positieve verwachte NCW{assumed}',
  },
  breakEvenAssumed: { en: ' (assumed: {value})', nl: ' (aangenomen: {value})' },
  cumulativeCash: { en: 'cumulative cash by year: {years}', nl: 'cumulatieve kasstroom per jaar: {years}' },
  yearShort: { en: 'Y{year} {cash}', nl: 'J{year} {cash}' },
  scenarioInput: {
    en: 'input {effect}: {distribution} {unit} [{basis}]{note}',
    nl: 'invoer {effect}: {distribution} {unit} [{basis}]{note}',
  },
  movesNpv: { en: 'what moves NPV most: {effects}', nl: 'wat de NCW het meest beweegt: {effects}' },
  npvRange: { en: '{effect} ({low} to {high})', nl: '{effect} ({low} tot {high})' },
  costLine: {
    en: 'cost {name} ({behaviour}): {change}, stranded {stranded}{cut}',
    nl: 'kosten {name} ({behaviour}): {change}, blijft staan {stranded}{cut}',
  },
  costsMore: { en: 'costs {amount} more', nl: 'kost {amount} meer' },
  costSaved: { en: 'saved {amount}', nl: 'bespaard {amount}' },
  costCut: { en: ', cut {amount}', nl: ', geschrapt {amount}' },
  strandedTotal: {
    en: 'stranded cost over the horizon: {amount}',
    nl: 'achterblijvende kosten over de horizon: {amount}',
  },
  note: { en: 'note: {note}', nl: 'let op: {note}' },
  comparisonHead: {
    en: 'initiative|customers|NPV mean|P5|P95|P(NPV>0)|payback|break-even',
    nl: 'initiatief|klanten|NCW gemiddeld|P5|P95|kans NCW>0|terugverdiend|break-even',
  },
  // export
  exportedRows: {
    en: 'wrote {n} rows of {table} to {file}',
    nl: '{n} rijen van {table} geschreven naar {file}',
  },
  exportedSheets: { en: 'wrote {n} sheets to {file}', nl: '{n} werkbladen geschreven naar {file}' },
  csvDialectNote: {
    en: ' (CSV as Excel opens it: "," and decimal points, English headers; --raw for scripts)',
    nl: ' (CSV zoals Excel NL het opent: ";", decimale komma, Nederlandse kolomnamen; --raw voor scripts)',
  },
  csvMachineNote: {
    en: ' (machine CSV: stored column names, "," and decimal points, no BOM)',
    nl: ' (machine-CSV: opgeslagen kolomnamen, "," en decimale punt, geen BOM)',
  },
  // report
  // serve and start
  serving: {
    en: 'Worth is serving {dir} at {url}\n(read-only, switching to new results when a command publishes them; Ctrl-C stops it)',
    nl: 'Worth toont {dir} op {url}\n(alleen lezen; schakelt over op nieuwe resultaten zodra een opdracht ze publiceert; Ctrl-C stopt)',
  },
  accessToken: {
    en: 'access token {masked}: open {url}#token=<token> in the browser; API clients send Authorization: Bearer <token>',
    nl: 'toegangstoken {masked}: open {url}#token=<token> in de browser; API-clients sturen Authorization: Bearer <token>',
  },
  builtDashboard: { en: 'built the dashboard into {dir}', nl: 'dashboard gebouwd in {dir}' },
  servingGeneration: { en: 'serving generation {n} of {dir}', nl: 'toont nu generatie {n} van {dir}' },
  writingDemo: { en: 'writing the demo company into {dir}', nl: 'het demobedrijf schrijven in {dir}' },
  nextIngest: { en: 'next: worth ingest {dir:sh}', nl: 'volgende stap: worth ingest {dir:sh}' },
  wroteReport: { en: 'wrote the report to {file}', nl: 'rapport geschreven naar {file}' },
  wrotePdf: {
    en: 'wrote the PDF to {file} (printed by {by})',
    nl: 'pdf geschreven naar {file} (afgedrukt door {by})',
  },
  npmChromium: { en: 'the Chromium that comes with npm', nl: 'de Chromium die met npm meekomt' },
  noPdf: { en: 'no PDF beside the report: {reason}', nl: 'geen pdf naast het rapport: {reason}' },
  clvSummaries: {
    en: 'customer summaries from the order lines',
    nl: 'klantsamenvattingen uit de orderregels',
  },
  clvFitting: {
    en: 'fitting {models} on {n|customer|customers}{own}{checked}',
    nl: '{models} schatten op {n|klant|klanten}{own}{checked}',
  },
  clvOwnFits: { en: ' (own fits for {column}: {groups})', nl: ' (eigen schattingen per {column}: {groups})' },
  clvCheckedOn: {
    en: ', checked on {weeks} held-out weeks',
    nl: ', getoetst op {weeks} achtergehouden weken',
  },
  clvIntervalsStep: {
    en: "intervals: delta method on each fit's parameter covariance",
    nl: 'intervallen: deltamethode op de covariantie van de parameters van elke schatting',
  },
  clvDiagnosticsStep: {
    en: 'fit diagnostics: frequency histogram and tracking curve',
    nl: 'controle van de schatting: frequentiehistogram en volgcurve',
  },
  clvChoice: { en: 'purchase model: {model}, {reason}', nl: 'aankoopmodel: {model}, {reason}' },
  clvPooledNote: {
    en: ' pooled, for customers outside the groups below',
    nl: ' gepoold, voor klanten buiten de groepen hieronder',
  },
  clvGroup: {
    en: '  {by} {name} ({customers|customer|customers}): {fit}',
    nl: '  {by} {name} ({customers|klant|klanten}): {fit}',
  },
  clvGroupFallback: {
    en: 'its own fit fails (at the edge of the parameter space); the pooled fit stands in',
    nl: 'een eigen schatting lukt niet (aan de rand van de parameterruimte); de gepoolde schatting vervangt haar',
  },
  clvHoldout: {
    en: 'holdout check (fitted up to {end}, {weeks} weeks held out): expected {expected} repeat purchases, {actual} happened ({error})',
    nl: 'controle op achtergehouden data (geschat tot {end}, {weeks} weken achtergehouden): verwacht {expected} herhaalaankopen, gebeurd {actual} ({error})',
  },
  clvHoldoutGroup: {
    en: '  {name}: expected {expected}, happened {actual} ({error})',
    nl: '  {name}: verwacht {expected}, gebeurd {actual} ({error})',
  },
  clvNoValue: { en: '(no value)', nl: '(geen waarde)' },
  clvCovariates: {
    en: '{model} with covariates {names}: BIC {bicWith} against {bicWithout} without; held out, group by group off by {gapWith} against {gapWithout} without ({inUse} per {by}: {gapInUse}); {verdict}',
    nl: '{model} met covariaten {names}: BIC {bicWith} tegen {bicWithout} zonder; achtergehouden, per groep {gapWith} ernaast tegen {gapWithout} zonder ({inUse} per {by}: {gapInUse}); {verdict}',
  },
  clvCovariatesBetter: { en: 'the covariates fit better', nl: 'met covariaten past beter' },
  clvCovariatesNotBetter: {
    en: 'the model without them fits as well or better',
    nl: 'het model zonder past even goed of beter',
  },
  clvCovariatesDegenerate: {
    en: 'the fit with covariates is degenerate',
    nl: 'de schatting met covariaten is gedegenereerd',
  },
  clvCovariateCoefficient: {
    en: '  {process} {name}: {value} (standard error {se}; {effect})',
    nl: '  {process} {name}: {value} (standaardfout {se}; {effect})',
  },
  clvCovariateFolded: {
    en: '  warning: {column} = {level} has {n|customer|customers}, too few for a coefficient of its own: counted with {reference}',
    nl: '  waarschuwing: {column} = {level} heeft {n|klant|klanten}, te weinig voor een eigen coëfficiënt: meegeteld bij {reference}',
  },
  clvCovariatePurchase: { en: 'purchase rate', nl: 'aankooptempo' },
  clvCovariateDropout: { en: 'drop-out rate', nl: 'uitvaltempo' },
  clvCovariateReference: {
    en: '  levels against {column} = {level}',
    nl: '  niveaus tegen {column} = {level}',
  },
  clvLeftOut: {
    en: '{n} of the {pnl} customers in the P&L are not in the fit (no purchase day to model): {reasons}',
    nl: '{n} van de {pnl} klanten in de winst-en-verliesrekening zitten niet in de schatting (geen aankoopdag om te modelleren): {reasons}',
  },
  clvLeftOutAllCancelled: {
    en: '{n} whose every order was cancelled (credited in full){examples}',
    nl: '{n} van wie elke order geannuleerd is (volledig gecrediteerd){examples}',
  },
  clvLeftOutOnlyReturns: {
    en: '{n} with only credit lines, no purchase{examples}',
    nl: '{n} met alleen creditregels, geen aankoop{examples}',
  },
  clvLeftOutAfterEnd: {
    en: "{n} whose orders all fall after the period's end{examples}",
    nl: '{n} van wie alle orders na het einde van de periode vallen{examples}',
  },
  clvLeftOutNoPurchase: {
    en: '{n} without any order (costs or rebates only){examples}',
    nl: '{n} zonder enige order (alleen kosten of bonussen){examples}',
  },
  clvLeftOutExamples: { en: ', e.g. {ids}', nl: ', bijv. {ids}' },
  clvInterval: {
    en: "  {level} interval from the purchase model's parameter uncertainty: {lo} to {hi}",
    nl: '  {level}-interval uit de onzekerheid van de parameters van het aankoopmodel: {lo} tot {hi}',
  },
  clvSegmentsHead: {
    en: "Per {column} (90% intervals of each total, not the sum of its customers' bounds):",
    nl: 'Per {column} (90%-intervallen van elk totaal, niet de som van de grenzen per klant):',
  },
  clvSegmentLine: {
    en: '  {name}: {customers|customer|customers}, CLV on profit {profit} ({profitRange}), per customer {mean} ({meanRange}); expected purchases {purchases} ({purchasesRange})',
    nl: '  {name}: {customers|klant|klanten}, klantwaarde op winst {profit} ({profitRange}), per klant {mean} ({meanRange}); verwachte aankopen {purchases} ({purchasesRange})',
  },
  clvSegmentUndetermined: {
    en: '  {name}: {customers|customer|customers}, no lifetime value determined',
    nl: '  {name}: {customers|klant|klanten}, geen klantwaarde bepaald',
  },
  clvNoSegmentValue: { en: '(none)', nl: '(geen)' },
  clvRange: { en: '{lo} to {hi}', nl: '{lo} tot {hi}' },
  clvNoInterval: { en: 'no interval', nl: 'geen interval' },
  // commander's refusals of a command line, in the workspace's language (src/cli/worthCommand.ts)
  cliUnknownCommand: { en: "unknown command '{name}'", nl: "onbekende opdracht '{name}'" },
  cliUnknownOption: { en: "unknown option '{flag}'", nl: "onbekende optie '{flag}'" },
  cliDidYouMean: { en: '\n(Did you mean {name}?)', nl: '\n(Bedoelde u {name}?)' },
  cliMissingArgument: {
    en: "missing required argument '{name}'",
    nl: "het verplichte argument '{name}' ontbreekt",
  },
  cliOptionMissingValue: {
    en: "option '{flags}' argument missing",
    nl: "de optie '{flags}' mist haar waarde",
  },
  cliMandatoryOption: {
    en: "required option '{flags}' not specified",
    nl: "de verplichte optie '{flags}' is niet opgegeven",
  },
  cliTooManyArguments: {
    en: 'too many arguments{command}. Expected {expected} but got {got}.',
    nl: 'te veel argumenten{command}: verwacht {expected}, gekregen {got}.',
  },
  cliTooManyFor: { en: " for '{name}'", nl: " voor '{name}'" },
  cliArguments: { en: '{n|argument|arguments}', nl: '{n|argument|argumenten}' },
  cliNoHelpFor: {
    en: "unknown command '{name}': there is no help for it",
    nl: "onbekende opdracht '{name}': daar is geen hulp voor",
  },
  cliHelpAfterError: {
    en: '(`worth --help` lists the commands, `worth COMMAND --help` what each takes)',
    nl: '(`worth --help` somt de opdrachten op, `worth OPDRACHT --help` wat elke opdracht verwacht)',
  },
} as const satisfies Catalogue;

/** A key of the CLI's words. */
export type CliWord = keyof typeof CLI_WORDS;

/** The CLI word `key` in `lang`, placeholders filled from `vars`. */
export function cliWord(lang: Lang, key: CliWord, vars: Readonly<Record<string, string>> = {}): string {
  return fill(CLI_WORDS[key][lang], vars);
}

/** A `|`-separated header of the CLI's words as cells. */
export function cliHeader(lang: Lang, key: CliWord, vars: Readonly<Record<string, string>> = {}): string[] {
  return cliWord(lang, key, vars).split('|');
}
