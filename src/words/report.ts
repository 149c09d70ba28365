/** The report's words in Dutch and English (placeholders are filled with escaped HTML). */
import type { Catalogue } from './catalogue.ts';
import { QUALITY_WORDS } from './quality.ts';

/** Every word the report shows; a key without its Dutch (or English) side does not compile. */
export const REPORT_WORDS = {
  ...QUALITY_WORDS,
  title: { en: 'Customer profitability report', nl: 'Rapport klantwinstgevendheid' },
  generated: { en: 'Generated on {date} from {workspace}', nl: 'Gemaakt op {date} uit {workspace}' },
  period: { en: 'Period {start} – {end}', nl: 'Periode {start} – {end}' },
  findings: { en: 'Findings', nl: 'Bevindingen' },
  f1: {
    en: '{customers|customer|customers} bought {netSales} net. After cost of goods and the cost of serving them, they contributed {contribution}.',
    nl: '{customers|klant|klanten} kochten voor {netSales} netto. Na inkoopwaarde en de kosten van hun bediening droegen zij {contribution} bij.',
  },
  f2: {
    en: 'The most profitable {peakShare} of customers earn {peak} of the total contribution ({peakContribution}); the rest give part of it back.',
    nl: 'De meest winstgevende {peakShare} van de klanten verdient {peak} van de totale winstbijdrage ({peakContribution}); de rest geeft een deel terug.',
  },
  f2None: {
    en: 'No customer loses money after the cost of serving it: all {customers|customer|customers} contribute, {peakContribution} in total.',
    nl: 'Geen klant is verliesgevend na de kosten van bediening: alle {customers|klant|klanten} dragen bij, samen {peakContribution}.',
  },
  f3: {
    en: '{lossShare} of customers ({lossMakers}) lose money and destroy {valueDestroyed} of value.',
    nl: '{lossShare} van de klanten ({lossMakers}) is verliesgevend en vernietigt {valueDestroyed} aan waarde.',
  },
  unattributedSales: {
    en: 'Sales without a customer are not in the customer figures: customers {customers} + without a customer {unattributed} = {company} net sales in the data.',
    nl: 'Omzet zonder klant zit niet in de klantcijfers: klanten {customers} + zonder klant {unattributed} = {company} netto-omzet in de gegevens.',
  },
  cogsEstimated: {
    en: "Estimated: {share} of the cost of goods in the P&L ({amount}: customers' lines, net of what returns take back) rests on an assumed margin or product cost, so the gross margin and contribution of {customers|customer|customers} are estimates; returns take it back at the rate of their sale.",
    nl: 'Geschat: {share} van de inkoopwaarde in de winst-en-verliesrekening ({amount}: regels van klanten, na wat retouren terugnemen) berust op een aangenomen marge of kostprijs, dus de brutomarge en winstbijdrage van {customers|klant|klanten} zijn schattingen; retouren nemen die terug tegen het tarief van hun verkoop.',
  },
  f4: {
    en: '{unused} of capacity was paid for but not used (kept apart, not charged to customers).',
    nl: '{unused} aan capaciteit is betaald maar niet gebruikt (apart gehouden, niet doorbelast).',
  },
  noCostModel: {
    en: 'There is no cost model yet: every figure stops at gross margin (after cost of goods), and "contribution" below is gross margin. Add a cost_model to worth.yaml to see the cost to serve.',
    nl: 'Er is nog geen kostenmodel: alle cijfers stoppen bij de brutomarge (na inkoopwaarde), en "winstbijdrage" hieronder is de brutomarge. Voeg een cost_model toe aan worth.yaml om de kosten van bediening te zien.',
  },
  f5: {
    en: 'Most over-served segment: {segment} ({share} of its customers are satisfied but unprofitable).',
    nl: 'Meest overbediende segment: {segment} ({share} van de klanten is tevreden maar niet winstgevend).',
  },
  f6: {
    en: 'What drives the losses, against segment medians: {lines}.',
    nl: 'Waar de verliezen vandaan komen, tegenover de segmentmedianen: {lines}.',
  },
  whale: { en: 'The whale curve', nl: 'De walviscurve' },
  waterfall: { en: 'From gross sales to contribution', nl: 'Van bruto-omzet naar winstbijdrage' },
  segments: { en: 'Segments', nl: 'Segmenten' },
  voice: {
    en: 'Voice of the customer: satisfaction against contribution',
    nl: 'Stem van de klant: tevredenheid tegenover winstbijdrage',
  },
  deciles: { en: 'Deciles of contribution', nl: 'Decielen van winstbijdrage' },
  overServed: {
    en: 'Over-served customers (satisfied, unprofitable)',
    nl: 'Overbediende klanten (tevreden, niet winstgevend)',
  },
  atRisk: {
    en: 'Customers at risk (profitable, unhappy)',
    nl: 'Klanten in gevaar (winstgevend, ontevreden)',
  },
  clv: { en: 'Lifetime value on profit', nl: 'Klantwaarde op winst' },
  clvNone: {
    en: 'No lifetime values yet: run worth clv on the workspace (after worth analyze) and make the report again.',
    nl: 'Nog geen klantwaarden: draai worth clv op de werkmap (na worth analyze) en maak het rapport opnieuw.',
  },
  clv1: {
    en: 'Over the next {years} years the {customers|customer|customers} are expected to contribute {total} in profit (after cost of goods and cost to serve, discounted at {rate} cost of capital), {mean} per customer on average.',
    nl: 'Over de komende {years} jaar dragen de {customers|klant|klanten} naar verwachting {total} bij aan de winst (na inkoopwaarde en kosten van bediening, verdisconteerd tegen {rate} kapitaalkosten), gemiddeld {mean} per klant.',
  },
  clv2: {
    en: 'The most valuable 10% of customers hold {top10} of that value (the top 20%: {top20}).',
    nl: 'De waardevolste 10% van de klanten heeft {top10} van die waarde in handen (de beste 20%: {top20}).',
  },
  clv3: {
    en: '{lossMakers|customer|customers} are expected to lose money over that horizon: together {lossClv}.',
    nl: '{lossMakers|klant|klanten} kosten naar verwachting geld over die horizon: samen {lossClv}.',
  },
  clvParam: { en: '{name} {value} ± {se}', nl: '{name} {value} ± {se}' },
  clvParamAtEdge: {
    en: '{value} (at the edge of the parameter space)',
    nl: '{value} (aan de rand van de parameterruimte)',
  },
  clvParamNoSe: {
    en: '{name} {value} (standard error –: the likelihood does not pin it down at this estimate)',
    nl: '{name} {value} (standaardfout –: de aannemelijkheid legt hem bij deze schatting niet vast)',
  },
  clvFit: {
    en: 'How the forecast is made: purchases with the {purchase} model ({params}; log-likelihood {ll}), spend per purchase with {spend}, both fitted on this workspace’s order lines.',
    nl: 'Hoe de voorspelling gemaakt is: aankopen met het {purchase}-model ({params}; log-aannemelijkheid {ll}), besteding per aankoop met {spend}, beide geschat op de orderregels van deze werkmap.',
  },
  clvCheck: {
    en: 'Check against the data: over the period the model accounts for {expected} repeat purchases where {actual} happened ({gap}); the chart below compares customers by number of repeat purchases.',
    nl: 'Toets aan de data: over de periode verklaart het model {expected} herhaalaankopen waar er {actual} plaatsvonden ({gap}); de grafiek hieronder vergelijkt klanten naar aantal herhaalaankopen.',
  },
  clvDegenerate: {
    en: 'Do not act on the {model} estimates: the data do not pin the model down.',
    nl: 'Handel niet op de schattingen van {model}: de data leggen het model niet vast.',
  },
  clvPartlyUndetermined: {
    en: '{customers|customer|customers}: lifetime value {why}. Their figures are empty and in none of the figures of this section.',
    nl: '{customers|klant|klanten}: klantwaarde {why}. Hun cijfers zijn leeg en zitten in geen van de cijfers van dit hoofdstuk.',
  },
  clvUndetermined: {
    en: 'The lifetime value is not determined: the model behind it is undetermined (the reasons follow), so it is not given as a figure to act on. What the {customers|customer|customers} brought in over the analysed period: a contribution of {contribution}.',
    nl: 'De klantwaarde is niet bepaald: het model erachter is onbepaald (de redenen volgen), dus zij staat hier niet als getal om op te handelen. Wat de {customers|klant|klanten} in de geanalyseerde periode opbrachten: een winstbijdrage van {contribution}.',
  },
  clvWarningsInEnglish: {
    en: '(stored by an older worth clv, in the model library’s words)',
    nl: '(opgeslagen door een oudere worth clv, in de woorden van de modelbibliotheek: Engels)',
  },
  clvNotConverged: {
    en: 'Warning: the purchase model did not converge; treat these figures with care.',
    nl: 'Let op: het aankoopmodel is niet geconvergeerd; ga voorzichtig met deze cijfers om.',
  },
  clvDeciles: {
    en: 'Lifetime value per tenth of the customers (1 = most valuable)',
    nl: 'Klantwaarde per tiende van de klanten (1 = waardevolst)',
  },
  clvFitChart: {
    en: 'Customers by number of repeat purchases: actual and model',
    nl: 'Klanten naar aantal herhaalaankopen: werkelijk en model',
  },
  scenarios: { en: 'Initiatives priced', nl: 'Initiatieven doorgerekend' },
  scenariosIntro: {
    en: 'Each initiative in the workspace’s scenarios folder, projected against the baseline over its horizon with {draws} seeded draws (seed {seed}) of its uncertain effects; NPV at {rate} cost of capital.',
    nl: 'Elk initiatief in de map scenarios van de werkmap, doorgerekend tegenover de basis over zijn horizon met {draws} trekkingen (seed {seed}) van zijn onzekere effecten; NCW tegen {rate} kapitaalkosten.',
  },
  scenariosNeedClv: {
    en: 'The workspace has initiatives, but they can only be priced after worth clv.',
    nl: 'De werkmap heeft initiatieven, maar die kunnen pas na worth clv doorgerekend worden.',
  },
  scenario1: {
    en: '<strong>{name}</strong> ({customers|customer|customers}): expected NPV {mean}, 90% of the outcomes between {p5} and {p95}; chance of a positive NPV {prob}; pays back {payback}.',
    nl: '<strong>{name}</strong> ({customers|klant|klanten}): verwachte NCW {mean}, 90% van de uitkomsten tussen {p5} en {p95}; kans op een positieve NCW {prob}; terugverdiend {payback}.',
  },
  scenarioError: {
    en: '<strong>{name}</strong>: not priced ({error}).',
    nl: '<strong>{name}</strong>: niet doorgerekend ({error}).',
  },
  jCurveBest: {
    en: 'J-curve of the best initiative, {name}: cumulative extra cash against the baseline (year 0 = the one-off cost)',
    nl: 'J-curve van het beste initiatief, {name}: cumulatieve extra kasstroom tegenover de basis (jaar 0 = de eenmalige kost)',
  },
  jCurveBand: {
    en: '; the band holds 90% of the draws (P5–P95)',
    nl: '; de band bevat 90% van de trekkingen (P5–P95)',
  },
  initiative: { en: 'Initiative', nl: 'Initiatief' },
  npvMean: { en: 'NPV (mean)', nl: 'NCW (gemiddeld)' },
  npvRange: { en: 'P5 – P95', nl: 'P5 – P95' },
  probPositive: { en: 'P(NPV > 0)', nl: 'Kans NCW > 0' },
  payback: { en: 'Pays back', nl: 'Terugverdiend' },
  segment: { en: 'Segment', nl: 'Segment' },
  decile: { en: 'Decile', nl: 'Deciel' },
  customers: { en: 'Customers', nl: 'Klanten' },
  lossMakers: { en: 'Loss-makers', nl: 'Verliesgevend' },
  netSales: { en: 'Net sales', nl: 'Netto-omzet' },
  costToServe: { en: 'Cost to serve', nl: 'Kosten van bediening' },
  contribution: { en: 'Contribution', nl: 'Winstbijdrage' },
  customer: { en: 'Customer', nl: 'Klant' },
  name: { en: 'Name', nl: 'Naam' },
  none: { en: 'None.', nl: 'Geen.' },
  noPdf: {
    en: 'No PDF of this report could be made: {reason}. Print this page from a browser instead.',
    nl: 'Van dit rapport kon geen pdf gemaakt worden: {reason}. Druk deze pagina af vanuit een browser.',
  },
  trend: {
    en: 'Over time: the customer P&L by quarter',
    nl: 'Door de tijd: de klantwinstrekening per kwartaal',
  },
  trendNote: {
    en: 'Sales, returns and rebates fall in the month of their date; cost to serve follows the dates of the events that drive it (orders, shipments, contacts, invoices); fixed yearly costs are spread evenly over the months. The quarters add up to the year to the cent. A closed month’s cost to serve can still move by a few cents or euros when later data is loaded: each customer’s cost of an activity over the whole period is split over the months by the number of its events in each month (not by each event’s own minutes), so new events elsewhere change the split; sales, returns and rebates of a closed month do not move.',
    nl: 'Omzet, retouren en bonussen vallen in de maand van hun datum; kosten van bediening volgen de datums van de gebeurtenissen die ze veroorzaken (orders, zendingen, contacten, facturen); vaste jaarkosten zijn gelijk over de maanden verdeeld. De kwartalen tellen tot op de cent op tot het jaar. De kosten van bediening van een afgesloten maand kunnen nog enkele centen of euro’s verschuiven als er later data bijkomt: de kosten van een activiteit voor een klant over de hele periode worden over de maanden verdeeld naar het aantal gebeurtenissen per maand (niet naar de minuten van elke gebeurtenis), dus nieuwe gebeurtenissen elders veranderen de verdeling; omzet, retouren en bonussen van een afgesloten maand verschuiven niet.',
  },
  trendSegments: { en: 'Contribution per segment and quarter', nl: 'Winstbijdrage per segment en kwartaal' },
  trendMissing: {
    en: 'No months are stored in this workspace: run worth analyze again to add them.',
    nl: 'Deze werkmap heeft geen maanden opgeslagen: draai worth analyze opnieuw om ze toe te voegen.',
  },
  quarter: { en: 'Quarter', nl: 'Kwartaal' },
  pnlLine: { en: 'Line', nl: 'Regel' },
  outsidePeriod: {
    en: 'The data runs past the period set in worth.yaml: {lines|order line|order lines} ({money} net) dated {first} to {last} fall outside it. They are in every total and in the trend, while the cost pools are the period’s.',
    nl: 'De data loopt buiten de periode uit worth.yaml: {lines|orderregel|orderregels} ({money} netto) van {first} tot {last} vallen erbuiten. Ze tellen mee in elk totaal en in de trend, terwijl de kostenpools voor de periode gelden.',
  },
  exactAmount: { en: 'Exact amount', nl: 'Exact bedrag' },
  grossMargin: { en: 'Gross margin', nl: 'Brutomarge' },
  total: { en: 'Total', nl: 'Totaal' },
  clvChoice: { en: 'Why {model}: {reason}', nl: 'Waarom {model}: {reason}' },
  clvHoldout: {
    en: 'Check on held-out weeks: fitted on the data up to {date}, the model expected {expected} repeat purchases in the last {weeks} weeks; {actual} happened ({gap}).',
    nl: 'Toets op achtergehouden weken: geschat op de data tot {date} verwachtte het model {expected} herhaalaankopen in de laatste {weeks} weken; er waren er {actual} ({gap}).',
  },
  clvHoldoutSegments: {
    en: 'Per {column}: {list}.',
    nl: 'Per {column}: {list}.',
  },
  clvHoldoutSegment: {
    en: '{name} expected {expected}, happened {actual} ({gap})',
    nl: '{name} verwacht {expected}, gebeurd {actual} ({gap})',
  },
  clvHoldoutSegmentBand: {
    en: '{name} expected {expected}, happened {actual} ({gap}; chance alone up to ±{band})',
    nl: '{name} verwacht {expected}, gebeurd {actual} ({gap}; toeval alleen tot ±{band})',
  },
  clvHoldoutBandNote: {
    en: 'How far a segment may be off by chance depends on its size: 2.5 standard deviations of its held-out purchases under the model, at least 5%; a segment beyond that is marked and its lifetime values should not be acted on alone, a gap within it is what a segment of that size shows even when the model is right.',
    nl: 'Hoeveel een segment door toeval kan afwijken hangt af van zijn omvang: 2,5 standaardafwijkingen van zijn aankopen in de achtergehouden weken volgens het model, minstens 5%; een segment daarbuiten is gemarkeerd en zijn klantwaarden zijn alleen geen basis voor een besluit, een afwijking daarbinnen laat een segment van die omvang ook zien als het model klopt.',
  },
  clvNoGroupValue: { en: '(none)', nl: '(geen)' },
  clvSegments: { en: 'Lifetime value per {column}', nl: 'Klantwaarde per {column}' },
  clvSegmentsNote: {
    en: 'Each total’s 90% interval is the segment’s as a whole from the purchase model’s parameter uncertainty (not the sum of its customers’ intervals); spend and margins at their estimates; expected purchases over the horizon, not discounted.',
    nl: 'Het 90%-interval van elk totaal is dat van het segment als geheel uit de onzekerheid in de parameters van het aankoopmodel (niet de som van de intervallen per klant); besteding en marges op hun schatting; verwachte aankopen over de horizon, niet verdisconteerd.',
  },
  clvSegmentCustomers: { en: 'Customers', nl: 'Klanten' },
  clvSegmentTotal: { en: 'CLV on profit', nl: 'Klantwaarde op winst' },
  clvSegmentMean: { en: 'Per customer', nl: 'Per klant' },
  clvSegmentPurchases: { en: 'Expected purchases', nl: 'Verwachte aankopen' },
  clvSegmentRange: { en: '{lo} to {hi}', nl: '{lo} tot {hi}' },
  clvTotalInterval: {
    en: 'With the purchase model’s parameter uncertainty, the total lies between {lo} and {hi} (90% interval; spend and margins held at their estimates).',
    nl: 'Met de onzekerheid in de parameters van het aankoopmodel ligt het totaal tussen {lo} en {hi} (90%-interval; besteding en marges op hun schatting).',
  },
  filterCover: {
    en: 'Filtered: {filter}. The section “{section}” shows only these customers and months, and the lists of over-served and at-risk customers only these customers; every other section says that it is the whole company.',
    nl: 'Gefilterd: {filter}. Het onderdeel “{section}” toont alleen deze klanten en maanden, en de lijsten van overbediende en risicoklanten alleen deze klanten; elk ander onderdeel zegt dat het over het hele bedrijf gaat.',
  },
  filterSection: { en: 'Filtered view', nl: 'Gefilterde weergave' },
  filterWholeShown: {
    en: 'The whole company, not filtered: the same under the filters ({filter}) is in “{section}”.',
    nl: 'Het hele bedrijf, niet gefilterd: hetzelfde onder de filters ({filter}) staat in “{section}”.',
  },
  filterWholeOnly: {
    en: 'The whole company: the filters ({filter}) do not narrow this section.',
    nl: 'Het hele bedrijf: de filters ({filter}) beperken dit onderdeel niet.',
  },
  filterApplied: { en: 'Filtered: {filter}.', nl: 'Gefilterd: {filter}.' },
  filterTrend: { en: 'Trend by quarter', nl: 'Verloop per kwartaal' },
  filterPeriod: { en: 'months {from} – {to}', nl: 'maanden {from} – {to}' },
  filterFrom: { en: 'months from {from}', nl: 'maanden vanaf {from}' },
  filterTo: { en: 'months up to {to}', nl: 'maanden tot en met {to}' },
  filterSegment: { en: 'segment {value}', nl: 'segment {value}' },
  filterChannel: { en: 'channel {value}', nl: 'kanaal {value}' },
  filterRegion: { en: 'region {value}', nl: 'regio {value}' },
  filterTotals: {
    en: '{customers|customer|customers}, of whom {lossMakers} lose money ({destroyed} together).',
    nl: '{customers|klant|klanten}, van wie {lossMakers} verlies maken (samen {destroyed}).',
  },
} as const satisfies Catalogue;
