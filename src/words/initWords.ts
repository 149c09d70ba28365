/**
 * The words `worth init --from` explains its guesses with (the preview's lines and worth.yaml's
 * comments), in Dutch and English. A guess is made before the export's language is known (the
 * sniffer runs before the column names are read), so it is kept in both ({@link initText}) and
 * said in the workspace's language when written.
 */
import { fill, type Bilingual, type Catalogue } from './catalogue.ts';
import type { Lang } from './lang.ts';
import { textNumbers } from './textNumbers.ts';

/** Every explanation init writes; `{name}` placeholders are filled per language. */
export const INIT_WORDS = {
  parquet: {
    en: 'Parquet: column names and types come from the file',
    nl: 'Parquet: kolomnamen en typen komen uit het bestand',
  },
  xlsxSheet: {
    en: 'XLSX: {sheet}, header on row {row}{titles} (profiled on its first {rows} rows)',
    nl: 'XLSX: {sheet}, kopregel op rij {row}{titles} (geprofileerd op de eerste {rows} rijen)',
  },
  xlsxMostCells: {
    en: 'the worksheet "{sheet}", the one with the most filled cells (not read: {others}; format.sheet names another)',
    nl: 'het werkblad "{sheet}", dat met de meeste gevulde cellen (niet gelezen: {others}; format.sheet noemt een ander)',
  },
  xlsxOther: { en: '"{name}" with {cells}', nl: '"{name}" met {cells}' },
  xlsxFirst: { en: 'the first worksheet', nl: 'het eerste werkblad' },
  xlsxNamed: { en: 'the worksheet "{sheet}"', nl: 'het werkblad "{sheet}"' },
  xlsxTitles: { en: ' (the rows above it are titles)', nl: ' (de rijen erboven zijn titels)' },
  utf16: {
    en: 'encoding UTF-16 ({endian}-endian, as Excel saves "Unicode text"): read as such',
    nl: 'codering UTF-16 ({endian}-endian, zoals Excel "Unicode-tekst" opslaat): zo gelezen',
  },
  win1252: {
    en: 'encoding windows-1252: the file is not valid UTF-8',
    nl: 'codering windows-1252: het bestand is geen geldige UTF-8',
  },
  macRoman: {
    en: 'lines end in CR alone, as Excel on a Mac saves "CSV (Macintosh)", but nothing in the text reads better as Mac Roman than as windows-1252 (no accented letter, or only bytes such as £ that read alike), so it is read as windows-1252: set encoding: mac-roman if accented letters look wrong, or save the sheet as "CSV UTF-8 (Comma delimited)" and run init again',
    nl: 'regels eindigen op alleen CR, zoals Excel op een Mac "CSV (Macintosh)" opslaat, maar niets in de tekst leest beter als Mac Roman dan als windows-1252 (geen letter met accent, of alleen tekens zoals £ die hetzelfde lezen), dus gelezen als windows-1252: zet encoding: mac-roman als letters met accenten er verkeerd uitzien, of sla het blad op als "CSV UTF-8 (door komma\'s gescheiden)" en draai init opnieuw',
  },
  macRomanChosen: {
    en: 'encoding mac-roman (as Excel on a Mac saves "CSV (Macintosh)"): the file is not valid UTF-8, and of its {high} bytes above ASCII {windows} read as no text would as windows-1252 against {mac} as Mac Roman ({asWindows} would be {asMac}); set encoding: windows-1252 if names look wrong',
    nl: 'codering mac-roman (zoals Excel op een Mac "CSV (Macintosh)" opslaat): het bestand is geen geldige UTF-8, en van de {high} bytes boven ASCII lezen er {windows} als windows-1252 zoals geen tekst leest, tegen {mac} als Mac Roman ({asWindows} zou {asMac} zijn); zet encoding: windows-1252 als namen er verkeerd uitzien',
  },
  sniffer: {
    en: "DuckDB's sniffer: delimiter {delimiter}, quote {quote}, {header}{skipped}",
    nl: 'DuckDB-sniffer: scheidingsteken {delimiter}, aanhalingsteken {quote}, {header}{skipped}',
  },
  headerRow: { en: 'a header row', nl: 'een kopregel' },
  noHeaderRow: { en: 'no header row', nl: 'geen kopregel' },
  skippedLines: {
    en: ', {n|line|lines} skipped before it',
    nl: ', {n|regel|regels} ervoor overgeslagen',
  },
  decimalComma: {
    en: 'decimal comma: numbers such as 1,25 outnumber 1.25',
    nl: 'decimale komma: getallen als 1,25 komen vaker voor dan 1.25',
  },
  thousandsComma: {
    en: 'thousands separator ",": numbers such as 1,234.56 occur',
    nl: 'scheidingsteken voor duizendtallen ",": getallen als 1,234.56 komen voor',
  },
  dates: {
    en: '{column}: dates as {layout} ({read} of {present} values read so{more})',
    nl: '{column}: datums als {layout} ({read} van {present} waarden zo gelezen{more})',
  },
  datesMonthOnly: {
    en: '; a month without a day, read as its first day (december 2025: 2025-12-01)',
    nl: '; een maand zonder dag, gelezen als de eerste van de maand (december 2025: 2025-12-01)',
  },
  datesIso: {
    en: '; {iso} of them are written yyyy-mm-dd, read as well: date_format says "or yyyy-mm-dd"',
    nl: '; {iso} daarvan staan als jjjj-mm-dd, die ook gelezen worden: date_format zegt "or yyyy-mm-dd"',
  },
  datesTwinFewer: {
    en: '; as {twin} only {hits} would: the other {rest} have a day above 12 where {twin} puts the month',
    nl: '; als {twin} maar {hits}: de andere {rest} hebben een dag boven 12 waar {twin} de maand zet',
  },
  datesTwinTie: {
    en: '; every one also reads as {twin}: no day above 12 tells them apart, so the usual order for this separator was taken; CHECK it and write date_format: {twin} if your dates are {twin}',
    nl: '; elke waarde leest ook als {twin}: geen dag boven 12 onderscheidt ze, dus de gebruikelijke volgorde bij dit scheidingsteken is genomen; CONTROLEER dat en schrijf date_format: {twin} als uw datums {twin} zijn',
  },
  numberDates: {
    en: '{column}: dates as {layout}, written as numbers ({hits} of {present} values read so; the name says a date)',
    nl: '{column}: datums als {layout}, geschreven als getallen ({hits} van {present} waarden zo gelezen; de naam zegt datum)',
  },
  severalCurrencies: {
    en: 'holds amounts in {n} currencies ({currencies}, by the {column} column); a Worth workspace keeps its money in one currency and this export has no amount in a base currency, so nothing was written. Export the report with the amounts in your base currency (Xero: add the base-currency columns, e.g. "Net (GBP)"; other systems: the "home" or "functional" currency amount), or split the file by {column} and make one workspace per currency',
    nl: 'bevat bedragen in {n} valuta ({currencies}, volgens de kolom {column}); een Worth-werkmap houdt zijn geld in één valuta en deze export heeft geen bedrag in een basisvaluta, dus er is niets geschreven. Exporteer het rapport met de bedragen in uw basisvaluta (Xero: voeg de kolommen in basisvaluta toe, bijv. "Net (EUR)"; andere pakketten: het bedrag in eigen of functionele valuta), of splits het bestand op {column} en maak één werkmap per valuta',
  },
  paymentRows: {
    en: '{column} {values}: payments received, not sales ({lines|line|lines}): left out below and counted (not rejects)',
    nl: '{column} {values}: ontvangen betalingen, geen verkopen ({lines|regel|regels}): hieronder weggelaten en geteld (geen afkeuringen)',
  },
  grossOfFees: {
    en: '{net} is {gross} with {fee} taken off ({agree} of {lines} lines): the sale is {gross}, what the customer paid; {fee} is a cost of selling, not loaded',
    nl: '{net} is {gross} min {fee} ({agree} van {lines} regels): de verkoop is {gross}, wat de klant betaalde; {fee} is een verkoopkost en wordt niet geladen',
  },
  movementRows: {
    en: '{column} {values}: money moved (withdrawals, transfers, conversions, payments made), not sales or refunds ({lines|line|lines}): left out below and counted (not rejects)',
    nl: '{column} {values}: geld verplaatst (opnames, overboekingen, omwisselingen, betalingen gedaan), geen verkopen of terugbetalingen ({lines|regel|regels}): hieronder weggelaten en geteld (geen afkeuringen)',
  },
  fillerRows: {
    en: "{lines|line has|lines have} no order number, quantity, price or amount (a spreadsheet's empty rows or notes; first: line {first}): no order lines, left out below and counted (not rejects)",
    nl: '{lines|regel heeft|regels hebben} geen ordernummer, aantal, prijs of bedrag (lege rijen of notities van een spreadsheet; eerste: regel {first}): geen orderregels, hieronder weggelaten en geteld (geen afkeuringen)',
  },
  textLines: {
    en: '{lines|line has|lines have} a document number but no quantity, price or amount (comment lines under a document, as Business Central writes them; first: line {first}): no sales, left out below and counted (not rejects)',
    nl: '{lines|regel heeft|regels hebben} een documentnummer maar geen aantal, prijs of bedrag (commentaarregels onder een document, zoals Business Central ze schrijft; eerste: regel {first}): geen verkopen, hieronder weggelaten en geteld (geen afkeuringen)',
  },
  creditFiles: {
    en: '{files}: named as credit memos or credit notes, so their lines are returns (credited as printed, positive or not), loaded from those files as the returns source below; the sales: {sales}',
    nl: '{files}: genoemd als creditnota, dus hun regels zijn retouren (gecrediteerd zoals gedrukt, positief of niet), geladen uit die bestanden als de retourbron hieronder; de verkopen: {sales}',
  },
  creditFilesHead: {
    en: 'the credit memo files: each line a return of its document, credited at its amount',
    nl: 'de creditnotabestanden: elke regel een retour van zijn document, gecrediteerd met zijn bedrag',
  },
  parentOrder: {
    en: '{column}: a refund stored as an order of its own names the order it pays back; that order is the one credited',
    nl: '{column}: een terugbetaling die als eigen order is opgeslagen noemt de order die ze terugbetaalt; die order wordt gecrediteerd',
  },
  orderSummaries: {
    en: "{lines|line has|lines have} an order number but no product and no price, each above its order's items (the order's summary row: its totals, shipping and buyer; first: line {first}): no sales of their own, left out below and counted (not rejects)",
    nl: '{lines|regel heeft|regels hebben} een ordernummer maar geen product en geen prijs, elk boven de artikelen van zijn order (de samenvattingsregel van de order: totalen, verzending en koper; eerste: regel {first}): geen eigen verkopen, hieronder weggelaten en geteld (geen afkeuringen)',
  },
  currencyLines: { en: '{code} on {lines|line|lines}', nl: '{code} op {lines|regel|regels}' },
  baseCurrency: {
    en: "{column}: {n} currencies ({currencies}); the money is loaded from {base}, the amount in {code} on every line, and {others} (in each line's own currency) are not loaded",
    nl: '{column}: {n} valuta ({currencies}); het geld wordt geladen uit {base}, het bedrag in {code} op elke regel, en {others} (in de eigen valuta van elke regel) worden niet geladen',
  },
  shippingLines: {
    en: "{column} {values}: shipping the customer paid, no product sale ({lines|line|lines}): left out and counted (not rejects); the cost of delivery is the cost model's delivery",
    nl: '{column} {values}: verzendkosten die de klant betaalde, geen productverkoop ({lines|regel|regels}): weggelaten en geteld (geen afkeuringen); de kosten van bezorgen staan in het kostenmodel (bezorging)',
  },
  ledgerAccounts: {
    en: 'a general ledger ({debit} and {credit}, no signed amount): lines on accounts {cls}000-{cls}999 ({account}) are sales ({lines|line|lines}), Credit - Debit their amount, a line more debited a credit note; the other bookings (VAT, debtors, bank: {others|line|lines}) are left out below',
    nl: 'een grootboekexport ({debit} en {credit}, geen bedrag met teken): regels op rekeningen {cls}000-{cls}999 ({account}) zijn omzet ({lines|regel|regels}), Credit - Debet hun bedrag, een regel met meer debet een creditnota; de andere boekingen (btw, debiteuren, bank: {others|regel|regels}) worden hieronder weggelaten',
  },
  ledgerOneAccount: {
    en: 'one ledger account ({debit} and {credit}, no account column): every line a sale, Credit - Debit its amount, a line more debited a credit note',
    nl: 'één grootboekrekening ({debit} en {credit}, geen rekeningkolom): elke regel omzet, Credit - Debet het bedrag, een regel met meer debet een creditnota',
  },
  ledgerSide: {
    en: 'a general ledger ({amount} unsigned, its side in {side}): lines on accounts {cls}000-{cls}999 ({account}) are sales ({lines|line|lines}), a credited line their amount, a debited line a credit note; the other bookings (VAT, debtors, bank: {others|line|lines}) are left out below',
    nl: 'een grootboekexport ({amount} zonder teken, de kant in {side}): regels op rekeningen {cls}000-{cls}999 ({account}) zijn omzet ({lines|regel|regels}), een regel in credit hun bedrag, een regel in debet een creditnota; de andere boekingen (btw, debiteuren, bank: {others|regel|regels}) worden hieronder weggelaten',
  },
  ledgerSideOneAccount: {
    en: 'one ledger account ({amount} unsigned, its side in {side}, no account column): every line a sale, a credited line its amount, a debited line a credit note',
    nl: 'één grootboekrekening ({amount} zonder teken, de kant in {side}, geen rekeningkolom): elke regel omzet, een regel in credit het bedrag, een regel in debet een creditnota',
  },
  ledgerSideSplit: {
    en: '{side} debit on a revenue account is a credit note: a return of {amount}',
    nl: '{side} debet op een omzetrekening is een creditnota: een retour van {amount}',
  },
  ledgerLeftOut: {
    en: '{column}: bookings on accounts outside {cls}000-{cls}999 (VAT, debtors, bank, costs) are no sales ({lines|line|lines}): left out and counted (not rejects)',
    nl: '{column}: boekingen op rekeningen buiten {cls}000-{cls}999 (btw, debiteuren, bank, kosten) zijn geen omzet ({lines|regel|regels}): weggelaten en geteld (geen afkeuringen)',
  },
  linesWithoutOrders: {
    en: 'has order lines without a customer and a date (columns: {columns}): those are in a separate export of the orders (order number, customer, date). Give that export as a second --from (`worth init DIR --from {file} --from orders.csv`): init joins the two on {order} (worth.yaml\'s `lookup`, README: "Order lines and orders in two files"); or add the customer and date to each line (Excel: XLOOKUP on {order} in the orders export) and run `worth init --from` again',
    nl: 'heeft orderregels zonder klant en datum (kolommen: {columns}): die staan in een aparte export van de orders (ordernummer, klant, datum). Geef die export als tweede --from (`worth init MAP --from {file} --from orders.csv`): init koppelt de twee op {order} (de `lookup` in worth.yaml, README: "Order lines and orders in two files"); of zet klant en datum bij elke regel (Excel: X.ZOEKEN op {order} in de orderexport) en draai `worth init --from` opnieuw',
  },
  afBij: {
    en: "a bank's export: {amount} is unsigned and {sign} says its direction; Bij (money in) is a customer's payment, a sale ({lines|line|lines}), Af (money out) money paid back to the customer, a credit ({out|line|lines}). Lines that are no sale (bank costs, a transfer of your own) are left out with an exclude_when rule",
    nl: 'een bankexport: {amount} heeft geen teken en {sign} zegt de richting; Bij (ontvangen) is een betaling van een klant, omzet ({lines|regel|regels}), Af (betaald) geld terug aan de klant, een creditering ({out|regel|regels}). Regels die geen omzet zijn (bankkosten, een eigen overboeking) laat u weg met een exclude_when-regel',
  },
  afBijSplit: {
    en: '{sign} Af (money out) is money paid back to the customer: a return of {amount}',
    nl: '{sign} Af (betaald) is geld terug aan de klant: een retour van {amount}',
  },
  ledgerSplit: {
    en: 'a revenue line with more debit than credit is a credit note: a return of Debit - Credit',
    nl: 'een omzetregel met meer debet dan credit is een creditnota: een retour van Debet - Credit',
  },
  ledgerNoRevenue: {
    en: '{column}: no revenue accounts to recognise (accounts starting with {seen}; expected accounts {cls}000-{cls}999 mostly credited). Write worth.yaml yourself (`worth init DIR`) with `gross_amount: {amount}` and an `exclude_when` for the lines that are not sales',
    nl: '{column}: geen omzetrekeningen te herkennen (rekeningen beginnend met {seen}; verwacht rekeningen {cls}000-{cls}999, vooral gecrediteerd). Schrijf worth.yaml zelf (`worth init MAP`) met `gross_amount: {amount}` en een `exclude_when` voor de regels die geen omzet zijn',
  },
  constantCustomer: {
    en: '{column}: one value on every line ({value}), so not a customer; {name} ({names} names) is the customer',
    nl: '{column}: één waarde op elke regel ({value}), dus geen klant; {name} ({names} namen) is de klant',
  },
  groupedByCustomer: {
    en: '{column}: a report grouped by customer: {headings} names on a line of their own with the lines beneath them, {totals} "Total" lines; each line\'s customer is the name above it (group_heading)',
    nl: '{column}: een rapport gegroepeerd per klant: {headings} namen op een eigen regel met de regels eronder, {totals} "Totaal"-regels; de klant van elke regel is de naam erboven (group_heading)',
  },
  priceIsTotal: {
    en: "{column}: the line's total, not a unit price (on {totals} of {lines} lines with more than one unit it is quantity x the product's {column} at quantity 1)",
    nl: '{column}: het totaal van de regel, geen stuksprijs (op {totals} van {lines} regels met meer dan een stuk is het aantal x de {column} van het product bij aantal 1)',
  },
  costIsLineTotal: {
    en: "{column}: the line's cost of goods, not a unit cost (on {totals} of {lines} lines with more than one unit it is above the unit price and at most quantity x price)",
    nl: '{column}: de inkoopwaarde van de regel, geen kostprijs per stuk (op {totals} van {lines} regels met meer dan een stuk is het meer dan de stuksprijs en hoogstens aantal x prijs)',
  },
  amountAfterDiscount: {
    en: '{amount}: after the discount (on {taxed} of {discounted} lines with a {discount}, {total} is {amount} + {tax}), so gross is {amount} plus {discount}',
    nl: '{amount}: na de korting (op {taxed} van {discounted} regels met een {discount} is {total} gelijk aan {amount} + {tax}), dus bruto is {amount} plus {discount}',
  },
  amountBeforeDiscount: {
    en: '{amount}: before the discount (on {undiscounted} of {discounted} lines with a {discount} it is still quantity x price), so the discount is {discount} and {amount} is not loaded',
    nl: '{amount}: voor de korting (op {undiscounted} van {discounted} regels met een {discount} is het nog aantal x prijs), dus de korting is {discount} en {amount} wordt niet geladen',
  },
  walkIn: {
    en: "{column}: {values} on {n|line|lines} ({share} of them) is a till's walk-in sale, not a customer: written in missing_values, so those sales are counted without a customer",
    nl: '{column}: {values} op {n|regel|regels} ({share} ervan) is losse verkoop aan de kassa, geen klant: in missing_values gezet, dus die verkoop telt mee zonder klant',
  },
  walkInId: {
    en: "{column}: {values} on {n|line|lines} ({share} of them) is a till's walk-in sale, not a customer: customer_id reads it as missing (nullif), so those sales are counted without a customer",
    nl: '{column}: {values} op {n|regel|regels} ({share} ervan) is losse verkoop aan de kassa, geen klant: customer_id leest het als leeg (nullif), dus die verkoop telt mee zonder klant',
  },
  dominantCustomer: {
    en: '{column}: "{value}" is on {n|line|lines} ({share} of them, the most of any value): if it is not one customer but sales without one (a till\'s walk-in), add it to missing_values',
    nl: '{column}: "{value}" staat op {n|regel|regels} ({share} ervan, meer dan elke andere waarde): is het geen klant maar verkoop zonder klant (losse kassaverkoop), zet het dan in missing_values',
  },
  refundRows: {
    en: "{column}: {n|line|lines} marked {values}, each a refund of its own (amount below zero): returned as credit lines, the order's lines are not returned again",
    nl: '{column}: {n|regel|regels} met {values}, elk een terugbetaling op zich (bedrag onder nul): als creditregel teruggeboekt, de regels van de order niet nog eens',
  },
  idVariants: {
    en: '{n|customer id is|customer ids are} also written another way (leading zeros, case or spaces; e.g. "{a}" and "{b}"): they stay separate customers; if they are the same, write customer_id: {formula} in worth.yaml',
    nl: '{n|klantnummer komt|klantnummers komen} ook anders geschreven voor (voorloopnullen, hoofdletters of spaties; bv. "{a}" en "{b}"): ze blijven aparte klanten; zijn het dezelfde, schrijf dan customer_id: {formula} in worth.yaml',
  },
  creditType: {
    en: '{column} {values} marks a credit note: its {n|line is|lines are} printed with positive amounts, so the type makes the split and a credit line credits its amount as printed',
    nl: '{column} {values} is een creditnota: {n|regel staat|regels staan} er met positieve bedragen, dus het soort bepaalt de splitsing en een creditregel crediteert zijn bedrag zoals gedrukt',
  },
  companyCustomer: {
    en: '{company} names the company each {column} orders for ({companies} companies for {keys} {column} values, each with one company): the company is the customer, its contacts order for it',
    nl: '{company} noemt het bedrijf waarvoor elke {column} bestelt ({companies} bedrijven voor {keys} waarden van {column}, elk met één bedrijf): het bedrijf is de klant, de contactpersonen bestellen voor hem',
  },
  emailCase: {
    en: '{column} is written {written} ways for {addresses} addresses (capitals, spaces): an address in lower case without spaces is one customer',
    nl: '{column} is op {written} manieren geschreven voor {addresses} adressen (hoofdletters, spaties): een adres in kleine letters zonder spaties is één klant',
  },
  excelSerialDates: {
    en: '{column} holds whole numbers such as {example}, not dates: Excel keeps a date as a day number ({example} is {date}) and shows it as a date only in a cell formatted as one. In Excel, select the column, Format Cells > Date, save, and run `worth init --from` again (or export the dates as yyyy-mm-dd)',
    nl: '{column} bevat gehele getallen zoals {example}, geen datums: Excel bewaart een datum als dagnummer ({example} is {date}) en toont hem alleen als datum in een cel met datumopmaak. Selecteer in Excel de kolom, Celeigenschappen > Datum, sla op en draai `worth init --from` opnieuw (of exporteer de datums als jjjj-mm-dd)',
  },
  excelSerialRead: {
    en: "{column} holds Excel day numbers, not dates ({example} is {date}): read as dates in Excel's 1900 date system ({formula}), Excel's default. If the export comes from a workbook in the 1904 date system (its dates then come out four years too early), write order_date: {shifted} in worth.yaml",
    nl: '{column} bevat Excel-dagnummers, geen datums ({example} is {date}): gelezen als datums in het datumsysteem 1900 van Excel ({formula}), de standaard van Excel. Komt de export uit een werkmap met het datumsysteem 1904 (de datums vallen dan vier jaar te vroeg), schrijf dan order_date: {shifted} in worth.yaml',
  },
  footerLines: {
    en: 'the last {n|line|lines} of the file, below an empty line and with fewer fields than the header (first: "{text}"): a footer, no data; left out by footer_lines and counted (not rejects)',
    nl: 'de laatste {n|regel|regels} van het bestand, onder een lege regel en met minder velden dan de kopregel (eerste: "{text}"): een voettekst, geen gegevens; weggelaten met footer_lines en geteld (geen afwijzingen)',
  },
  footerRows: {
    en: 'the last {n|row|rows} of the sheet, below an empty row and with only a cell or two filled (first: "{text}"): a footer, no data; left out by footer_lines and counted (not rejects)',
    nl: 'de laatste {n|rij|rijen} van het werkblad, onder een lege rij en met maar een of twee cellen gevuld (eerste: "{text}"): een voettekst, geen gegevens; weggelaten met footer_lines en geteld (geen afwijzingen)',
  },
  noQuantity: {
    en: 'no quantity column: each line counts as one (a payment or an order)',
    nl: 'geen kolom met aantallen: elke regel telt als een (een betaling of een bestelling)',
  },
  roleOrder: { en: 'order id', nl: 'ordernummer' },
  roleCustomer: { en: 'customer id', nl: 'klant' },
  roleDate: { en: 'order date', nl: 'datum' },
  roleAmount: { en: 'unit price or amount', nl: 'prijs of bedrag' },
  notRecognised: {
    en: 'has no column recognised as {roles} (columns: {columns}); write worth.yaml yourself: `worth init DIR` writes a template, then map each under sources.order_lines.columns, e.g. `order_id: Reference`, `customer_id: Account`, `gross_amount: Value` (a column or a formula over your columns; README: "Exports that are not shaped like the contract")',
    nl: 'heeft geen kolom herkend als {roles} (kolommen: {columns}); schrijf worth.yaml zelf: `worth init MAP` schrijft een sjabloon, wijs dan elk toe onder sources.order_lines.columns, bijv. `order_id: Boekstuk`, `customer_id: Relatie`, `gross_amount: Credit` (een kolom of een formule over uw kolommen; README: "Exports that are not shaped like the contract")',
  },
  yamlHead: {
    en: 'Worth workspace written by `worth init --from {file}`. Every guess is explained;',
    nl: 'Worth-werkruimte geschreven door `worth init --from {file}`. Elke gok wordt uitgelegd;',
  },
  yamlHead2: {
    en: 'check them, then run `worth ingest` (it loads, rejects bad rows with reasons, reconciles).',
    nl: 'controleer ze en draai dan `worth ingest` (laadt, wijst foute regels af met de reden, sluit aan).',
  },
  company: {
    en: "your company's name, shown on the report and the dashboard (none is shown until it is set)",
    nl: 'de naam van uw bedrijf, op het rapport en het dashboard (zonder naam wordt er geen getoond)',
  },
  currencyUnknown: {
    en: 'nothing in the export says its currency (no currency column or sign, and its dates and numbers are written alike in several countries)',
    nl: 'niets in de export zegt de munteenheid (geen kolom of teken voor de munt, en datums en getallen zijn in meerdere landen zo geschreven)',
  },
  currencyDutch: {
    en: 'no currency column or sign; the column names are Dutch, so euros',
    nl: 'geen kolom of teken voor de munt; de kolomnamen zijn Nederlands, dus euro',
  },
  currencyDecimalComma: {
    en: 'no currency column or sign; amounts are written {numbers} (a decimal comma), as in the euro area',
    nl: 'geen kolom of teken voor de munt; bedragen zijn geschreven als {numbers} (decimale komma), zoals in het eurogebied',
  },
  currencyUsHabits: {
    en: 'no currency column or sign; {column} is written {layout} (month first) and amounts {numbers}: US habits',
    nl: 'geen kolom of teken voor de munt; {column} is geschreven als {layout} (maand eerst) en bedragen als {numbers}: Amerikaanse gewoonten',
  },
  currencyUkHabits: {
    en: 'no currency column or sign; {column} is written {layout} (day first) with English column names and amounts {numbers}: UK habits',
    nl: 'geen kolom of teken voor de munt; {column} is geschreven als {layout} (dag eerst) met Engelse kolomnamen en bedragen als {numbers}: Britse gewoonten',
  },
  currencyGuessYaml: {
    en: 'a guess: {why}. If the amounts are not in {code}, write their code here, e.g. currency: {other}',
    nl: 'een gok: {why}. Zijn de bedragen niet in {code}, schrijf hier hun code, bijv. currency: {other}',
  },
  currencyGuessLine: {
    en: 'Currency: {code} is a guess ({why}). If the amounts are not in {code}, write their code in worth.yaml, e.g. currency: {other}',
    nl: 'Munteenheid: {code} is een gok ({why}). Zijn de bedragen niet in {code}, schrijf hun code in worth.yaml, bijv. currency: {other}',
  },
  languageNl: { en: 'the column names are Dutch; nl or en', nl: 'de kolomnamen zijn Nederlands; nl of en' },
  languageEn: { en: 'the column names are English; nl or en', nl: 'de kolomnamen zijn Engels; nl of en' },
  period: { en: 'first and last date in the file', nl: 'eerste en laatste datum in het bestand' },
  costOfCapital: {
    en: 'yearly, for discounting and cost of credit',
    nl: 'per jaar, voor het verdisconteren en de kosten van krediet',
  },
  unattributed: {
    en: 'lines without a customer are counted, not given to a customer',
    nl: 'regels zonder klant tellen mee, maar worden aan geen klant gegeven',
  },
  unattributedCount: {
    en: '{missing} of the first {lines} lines have no {column}: counted, not given to a customer',
    nl: '{missing} van de eerste {lines} regels hebben geen {column}: ze tellen mee, zonder klant',
  },
  missingValues: {
    en: 'values that mean "no value" in any column',
    nl: 'waarden die "geen waarde" betekenen, in elke kolom',
  },
  currencyColumn: { en: 'the {column} column says {code}', nl: 'de kolom {column} zegt {code}' },
  currencySign: {
    en: 'amounts are written with {sign} ({n|line|lines})',
    nl: 'bedragen zijn geschreven met {sign} ({n|regel|regels})',
  },
  currencyAustralianAbn: {
    en: 'amounts are written with $ ({n|line|lines}) and the export has an ABN column ({column}): Australian dollars',
    nl: 'bedragen zijn geschreven met $ ({n|regel|regels}) en de export heeft een ABN-kolom ({column}): Australische dollars',
  },
  currencyAustralianGst: {
    en: 'amounts are written with $ ({n|line|lines}), the export has a GST column ({column}) and dates day first ({layout}): Australian dollars',
    nl: 'bedragen zijn geschreven met $ ({n|regel|regels}), de export heeft een GST-kolom ({column}) en datums dag eerst ({layout}): Australische dollars',
  },
  currencyCountry: {
    en: 'most lines ({n}) are sold to {country} ({column})',
    nl: 'de meeste regels ({n}) zijn verkocht aan {country} ({column})',
  },
  customerSplit: {
    en: '{column} holds a code and a name, {shape}, on {share} of its values: the code is the customer id, the rest its name',
    nl: '{column} bevat een code en een naam, {shape}, op {share} van de waarden: de code is het klantnummer, de rest de naam',
  },
  shapeCodeDashName: { en: '"code - name"', nl: '"code - naam"' },
  shapeNameCode: { en: '"name (code)"', nl: '"naam (code)"' },
  shapeCodeName: {
    en: '"code name" (a number, a space, a name)',
    nl: '"code naam" (een getal, een spatie, een naam)',
  },
  vatExcl: {
    en: '{amount} is the amount excluding VAT ({incl} includes it: not used)',
    nl: '{amount} is het bedrag exclusief btw ({incl} is inclusief: niet gebruikt)',
  },
  vatMinus: {
    en: '{incl} includes VAT: net is {incl} - {vat}{price}',
    nl: '{incl} is inclusief btw: netto is {incl} - {vat}{price}',
  },
  vatPriceGross: {
    en: '; {price} includes it too ({quantity} x {price} is {incl}): gross is the net amount',
    nl: '; {price} is ook inclusief ({quantity} x {price} is {incl}): bruto is het nettobedrag',
  },
  vatRate: {
    en: '{incl} includes VAT at the rate in {rate} ({scale}): net is {incl} / (1 + rate), rounded to cents per line (an invoice that rounds its VAT on the total can differ by a cent){price}',
    nl: '{incl} is inclusief btw tegen het tarief in {rate} ({scale}): netto is {incl} / (1 + tarief), per regel afgerond op centen (een factuur die de btw op het totaal afrondt, kan een cent verschillen){price}',
  },
  vatConsumer: {
    en: 'the customers are people (first and last name) and a Dutch shop prices to consumers including VAT, so {amount} beside {rate} is read as including it',
    nl: 'de klanten zijn personen (voor- en achternaam) en een Nederlandse winkel prijst voor consumenten inclusief btw, dus {amount} naast {rate} wordt als inclusief gelezen',
  },
  vatScalePercent: { en: 'percent', nl: 'procent' },
  vatScaleFraction: { en: 'a fraction', nl: 'een breuk' },
  vatPriceDivided: {
    en: '; {price} includes it too ({quantity} x {price} is {incl}): the list price is divided likewise',
    nl: '; {price} is ook inclusief ({quantity} x {price} is {incl}): de lijstprijs wordt net zo gedeeld',
  },
  vatIncluded: {
    en: 'CHECK: {incl} includes VAT and the export has no amount excluding VAT, VAT amount or readable VAT rate: revenue would include VAT',
    nl: 'CONTROLEER: {incl} is inclusief btw en de export heeft geen bedrag exclusief btw, btw-bedrag of leesbaar btw-tarief: de omzet zou btw bevatten',
  },
  vatSumExcl: {
    en: '{amount} is {excl} + {vat} on {share} of lines: {excl} is the amount excluding VAT',
    nl: '{amount} is {excl} + {vat} op {share} van de regels: {excl} is het bedrag exclusief btw',
  },
  vatRateOf: {
    en: '{vat} is a VAT rate of {amount} - {vat} on {share} of the lines with VAT: {amount} includes VAT, net is {amount} - {vat}',
    nl: '{vat} is een btw-tarief van {amount} - {vat} op {share} van de regels met btw: {amount} is inclusief btw, netto is {amount} - {vat}',
  },
  fileGlob: {
    en: "every such file in data/, in name order: next month's export dropped there loads too",
    nl: 'elk zo genoemd bestand in data/, op volgorde van naam: de export van volgende maand die u daar neerzet, laadt ook',
  },
  grossListPrice: { en: 'list price x quantity', nl: 'lijstprijs x aantal' },
  productList: {
    en: '{column}: several products in one cell ({example}): Worth does not split them; each row loads as one order with its total, without a product (for products per line, export the order lines instead)',
    nl: '{column}: meerdere producten in één cel ({example}): Worth splitst die niet; elke rij laadt als één order met zijn totaal, zonder product (exporteer de orderregels voor producten per regel)',
  },
  totalVatUnknown: {
    en: '{column}: a total per order or payment with no VAT column beside it, loaded as written; if it includes VAT, write gross_amount: {formula} (or your rate) in worth.yaml',
    nl: '{column}: een totaal per order of betaling zonder btw-kolom ernaast, geladen zoals het er staat; is het inclusief btw (bij verkoop aan consumenten meestal), schrijf dan in worth.yaml gross_amount: {formula} (of uw tarief)',
  },
  feeColumn: {
    en: '{column}: a commission or fee, a cost of selling and not revenue: not loaded',
    nl: '{column}: een commissie of vergoeding, een verkoopkost en geen omzet: niet geladen',
  },
  netMismatch: {
    en: 'CHECK: on {lines} lines without a discount {amount} is not {quantity} x {price} (first: line {first}); the difference is taken as a discount',
    nl: 'CONTROLEER: op {lines} regels zonder korting is {amount} niet {quantity} x {price} (eerste: regel {first}); het verschil telt als korting',
  },
  netExclVat: { en: '{column} excluding VAT', nl: '{column} exclusief btw' },
  discountNet: {
    en: 'list price x quantity less {net} (the net line amount)',
    nl: 'lijstprijs x aantal min {net} (het netto regelbedrag)',
  },
  discountRate: {
    en: '{column} percent of list price x quantity',
    nl: '{column} procent van lijstprijs x aantal',
  },
  discountBelowZero: {
    en: 'the discount per line, written below zero in the export (on {negatives} lines, above zero on {positives}): the amount off is its opposite',
    nl: 'de korting per regel, in de export onder nul geschreven (op {negatives} regels, boven nul op {positives}): de korting is het tegendeel',
  },
  discountPerLine: { en: 'the discount per line', nl: 'de korting per regel' },
  discountBeforeNet: {
    en: '{why}; {amount} is after it, so gross is {amount} plus the discount',
    nl: '{why}; {amount} is na de korting, dus bruto is {amount} plus de korting',
  },
  cogsLineCost: {
    en: '{column}: the cost of the line (the export has line amounts, no unit prices)',
    nl: '{column}: de kostprijs van de regel (de export heeft regelbedragen, geen stuksprijzen)',
  },
  splitHead: {
    en: 'credit lines become returns: {n|line|lines} with a negative {column}{prefix}',
    nl: 'creditregels worden retouren: {n|regel|regels} met een negatief {column}{prefix}',
  },
  splitHeadType: {
    en: 'credit lines become returns, told apart by {column}',
    nl: 'creditregels worden retouren, herkend aan {column}',
  },
  splitAmount: { en: 'amount', nl: 'bedrag' },
  splitPrefix: { en: ', credit notes numbered {prefix}...', nl: ", creditnota's genummerd {prefix}..." },
  returnId: {
    en: 'return_id: each credit line is identified by its line in the file',
    nl: 'return_id: elke creditregel wordt herkend aan zijn regel in het bestand',
  },
  cogsRecovered: {
    en: 'the cost of the goods that came back',
    nl: 'de kostprijs van de goederen die terugkwamen',
  },
  noCreditLines: {
    en: 'no negative quantities or credit-note numbers seen: no credit lines split off to returns',
    nl: 'geen negatieve aantallen of creditnotanummers gezien: geen creditregels naar retouren afgesplitst',
  },
  customersFromLines: {
    en: 'no customers file: customers are the ids seen on the lines;',
    nl: 'geen klantenbestand: de klanten zijn de nummers op de regels;',
  },
  customersLatestLine: {
    en: "their attributes come from each customer's latest line",
    nl: 'hun gegevens komen van de laatste regel van elke klant',
  },
  customersNone: {
    en: 'customers: no customers file; customers are the ids seen on the lines (first date = acquired_on)',
    nl: 'customers: geen klantenbestand; de klanten zijn de nummers op de regels (eerste datum = acquired_on)',
  },
  cogsEstimated1: {
    en: 'No cost of goods in the export: it is estimated from an assumed gross margin of 30%',
    nl: 'Geen kostprijs in de export: die wordt geschat met een aangenomen brutomarge van 30%',
  },
  cogsEstimated2: {
    en: '(returns recover it at the same rate). Every figure built on it is marked as estimated.',
    nl: '(retouren krijgen hem terug tegen hetzelfde percentage). Elk cijfer dat erop rust, is gemarkeerd als geschat.',
  },
  cogsEstimated3: {
    en: 'Replace with your margins per product group, or a product cost table.',
    nl: 'Vervang dit door uw marges per productgroep, of een tabel met kostprijzen per product.',
  },
  guestsUnattributed: {
    en: '{n} lines have neither {column} nor {email}: counted, not given to a customer',
    nl: '{n} regels hebben geen {column} en geen {email}: ze tellen mee, zonder klant',
  },
  emailWord: { en: 'e-mail', nl: 'e-mail' },
  lineNo: {
    en: 'line_no: none in the export, so each line is identified by its line in the file',
    nl: 'line_no: niet in de export, dus elke regel wordt herkend aan zijn regel in het bestand',
  },
  statusPerValue: {
    en: '{column} per value, lines ({money}): {values}',
    nl: '{column} per waarde, regels ({money}): {values}',
  },
  statusNoCancel: {
    en: 'no {column} value says cancelled: every line loads',
    nl: 'geen waarde van {column} zegt geannuleerd: elke regel laadt',
  },
  statusExclude: {
    en: 'cancelled: no sale. Left out of the load (not rejects); ingest counts them with their money',
    nl: 'geannuleerd: geen verkoop. Weggelaten uit de lading (geen afkeuringen); ingest telt ze met hun geld',
  },
  refundReturnDate: {
    en: "the order's date: the export has no date of the refund",
    nl: 'de datum van de order: de export heeft geen datum van de terugbetaling',
  },
  refundRepeated: {
    en: '{column} is repeated on every line of its order, so it cannot be summed per line: not loaded',
    nl: '{column} staat herhaald op elke regel van zijn order, dus het kan niet per regel worden opgeteld: niet geladen',
  },
  refundAmountHead: {
    en: 'refunds: {column}, {total} on {orders} orders, {where}',
    nl: 'terugbetalingen: {column}, {total} op {orders} orders, {where}',
  },
  refundOnLines: { en: 'on the lines refunded', nl: 'op de terugbetaalde regels' },
  refundOnFirstLine: { en: "on an order's first line", nl: 'op de eerste regel van een order' },
  refundAmount1: {
    en: "Each refund is a money-only return against its order: charged to the order's customer on the",
    nl: 'Elke terugbetaling is een retour van alleen geld op zijn order: geboekt op de klant van de order op de',
  },
  refundAmount2: {
    en: "order's date, with no product or quantity (the export does not say which lines came back).",
    nl: 'datum van de order, zonder product of aantal (de export zegt niet welke regels terugkwamen).',
  },
  refundAmount3: {
    en: "A cancelled order's refund is left out with the order (the same rule): never a sale and a return twice.",
    nl: 'De terugbetaling van een geannuleerde order valt weg met de order (dezelfde regel): nooit twee keer verkoop en retour.',
  },
  refundPaidBack: { en: 'the amount paid back', nl: 'het terugbetaalde bedrag' },
  refundLinesHead: {
    en: 'refunds: {lines} lines of orders whose {column} says {values}',
    nl: 'terugbetalingen: {lines|regel|regels} van orders waarvan {column} {values} zegt',
  },
  refundLines1: {
    en: 'A refunded order is a sale and a return of each of its lines (net 0 for the customer);',
    nl: 'Een terugbetaalde order is een verkoop en een retour van elk van zijn regels (netto 0 voor de klant);',
  },
  refundLines2: {
    en: "it is never left out by the order lines' exclude_when, so it does not count twice.",
    nl: 'exclude_when van de orderregels laat hem nooit weg, dus hij telt niet dubbel.',
  },
  refundLinesExclude: {
    en: "every line that is not a refunded order's sale",
    nl: 'elke regel die geen verkoop van een terugbetaalde order is',
  },
  refundLineNet: { en: "the line's net amount", nl: 'het netto regelbedrag' },
  orderByDay: {
    en: 'no order number: an order is a customer on one day (order_id: {formula}); if your export has an order or invoice number, write its column there instead',
    nl: 'geen ordernummer: een order is een klant op één dag (order_id: {formula}); heeft uw export een order- of factuurnummer, zet die kolom daar in de plaats',
  },
  groupedOrders: {
    en: "{column} is on the first line of each invoice only: {lines|line takes|lines take} the number above (group_heading), and the invoice's other fields come from its first line (fill_down)",
    nl: '{column} staat alleen op de eerste regel van elke factuur: {lines|regel krijgt|regels krijgen} het nummer erboven (group_heading), en de andere velden van de factuur komen van de eerste regel (fill_down)',
  },
  groupedOrdersYaml: {
    en: "{column} only on an invoice's first line: a line's empty {column} is the number above it",
    nl: '{column} alleen op de eerste regel van een factuur: een lege {column} is het nummer erboven',
  },
  groupHeading: {
    en: "a report grouped by customer: a line's empty {column} is the name on the nearest heading line above it",
    nl: 'een rapport gegroepeerd per klant: een lege {column} op een regel is de naam op de dichtstbijzijnde kopregel erboven',
  },
  groupHeadingExclude: {
    en: 'the {headings} heading lines (a name alone): not order lines. Left out of the load (not rejects), counted; the {totals} "Total" lines are rejected as totals lines',
    nl: 'de {headings} kopregels (alleen een naam): geen orderregels. Weggelaten uit de lading (geen afkeuringen), geteld; de {totals} "Totaal"-regels worden afgekeurd als totaalregels',
  },
  fillDown: {
    en: "written on an order's first line only: its other lines take them from it (same order number, consecutive lines)",
    nl: 'alleen op de eerste regel van een order geschreven: de andere regels (zelfde ordernummer, opeenvolgende regels) nemen ze daarvan over',
  },
  shipping1: {
    en: "{column}: {total} charged for delivery on {orders} orders is not loaded: Worth's sales are",
    nl: '{column}: {total} gerekend voor bezorging op {orders} orders wordt niet geladen: de verkoop in Worth is',
  },
  shipping2: {
    en: "the goods (gross - discount); what delivery costs you is the cost model's delivery activity.",
    nl: 'die van de goederen (bruto - korting); wat bezorging u kost, is de activiteit delivery van het kostenmodel.',
  },
  shippingDiscount1: {
    en: '{column}: {total} off delivery on {orders} lines is not loaded either: it lowers',
    nl: '{column}: {total} korting op bezorging op {orders} regels wordt ook niet geladen: die verlaagt',
  },
  shippingDiscount2: {
    en: 'the delivery fee, not the price of the goods.',
    nl: 'de bezorgkosten, niet de prijs van de goederen.',
  },
  guestsZero: {
    en: '{column} is 0 on {lines} lines (orders without an account): those customers are their {email}',
    nl: '{column} is 0 op {lines|regel|regels} (orders zonder account): die klanten zijn hun {email}',
  },
  guestsEmpty: {
    en: '{column} is empty on {lines} lines with a {email} (guest orders, without an account): those customers are their {email}',
    nl: '{column} is leeg op {lines|regel|regels} met een {email} (gastbestellingen, zonder account): die klanten zijn hun {email}',
  },
  decimalCommaGrouped: {
    en: 'decimal comma: numbers have thousands grouped by dots such as 1.234 ({example} in the file) and no decimals',
    nl: 'decimale komma: getallen hebben duizendtallen met punten zoals 1.234 ({example} in het bestand) en geen decimalen',
  },
  pairedExports: {
    en: "two exports: {lines} holds the order lines ({linesRows|line|lines}, {orders} order numbers, no customer and date), {ordersFile} the orders ({ordersRows|row|rows}, with {customer} and {date}); every line takes its order's columns from {ordersFile} on {on} (lookup below)",
    nl: 'twee exports: {lines} bevat de orderregels ({linesRows|regel|regels}, {orders} ordernummers, geen klant en datum), {ordersFile} de orders ({ordersRows|rij|rijen}, met {customer} en {date}); elke regel neemt de kolommen van zijn order uit {ordersFile} op {on} (lookup hieronder)',
  },
  pairedRepeats: {
    en: '{ordersFile}: {n|order number is|order numbers are} on more than one row; the load keeps the first and rejects the others',
    nl: '{ordersFile}: {n|ordernummer staat|ordernummers staan} op meer dan één rij; het laden houdt de eerste en keurt de andere af',
  },
  lookupYaml: {
    en: 'the orders export, joined on {on}: each line takes {columns} from its order',
    nl: 'de orderexport, gekoppeld op {on}: elke regel neemt {columns} van zijn order',
  },
  lookupFormatYaml: {
    en: 'its own format, read from {file} as init read it',
    nl: 'een eigen format, gelezen uit {file} zoals init het las',
  },
  pairMismatch: {
    en: '{a} and {b} are not order lines and their orders: expected one export of order lines (order number, quantity and price or an amount, without customer and date) and one of the orders (the same order number, the customer and the date, one row per order). {a}: {aSeen}. {b}: {bSeen}. Give the two exports of one order system, or each complete export on its own (`worth init DIR --from FILE`)',
    nl: '{a} en {b} zijn geen orderregels met hun orders: verwacht een export van orderregels (ordernummer, aantal en prijs of een bedrag, zonder klant en datum) en een van de orders (hetzelfde ordernummer, de klant en de datum, één rij per order). {a}: {aSeen}. {b}: {bSeen}. Geef de twee exports van één ordersysteem, of elke volledige export apart (`worth init MAP --from BESTAND`)',
  },
  pairSeenLines: {
    en: 'order lines without customer and date (order number {order})',
    nl: 'orderregels zonder klant en datum (ordernummer {order})',
  },
  pairSeenOrders: {
    en: 'orders with {customer} and {date} (order number {order})',
    nl: 'orders met {customer} en {date} (ordernummer {order})',
  },
  pairSeenComplete: {
    en: 'order lines with their customer and date already (a complete export on its own)',
    nl: 'orderregels met hun klant en datum al erbij (een volledige export op zich)',
  },
  pairSeenRepeated: {
    en: 'customer and date, but {order} repeats on {n} rows (not one row per order)',
    nl: 'klant en datum, maar {order} herhaalt zich op {n} rijen (niet één rij per order)',
  },
  pairSeenOther: {
    en: 'neither order lines nor orders (columns: {columns})',
    nl: 'geen orderregels en geen orders (kolommen: {columns})',
  },
  pairNoShared: {
    en: "{lines} (order lines, order number {order}) and {ordersFile} (orders with {customer} and {date}) share no column {order}: expected the order number under the same name in both files (columns of {ordersFile}: {columns}). Rename the order number's column in one export to the other's name and run init again",
    nl: '{lines} (orderregels, ordernummer {order}) en {ordersFile} (orders met {customer} en {date}) hebben geen kolom {order} gemeen: verwacht het ordernummer onder dezelfde naam in beide bestanden (kolommen van {ordersFile}: {columns}). Geef de kolom van het ordernummer in één export de naam uit de andere en draai init opnieuw',
  },
  pairTooMany: {
    en: '--from is given {n} times: init reads one export, or two (the order lines and their orders)',
    nl: '--from staat er {n} keer: init leest één export, of twee (de orderregels en hun orders)',
  },
  pairOneFile: {
    en: 'is a folder or a pattern: with two --from, each names one file (the order lines, the orders)',
    nl: 'is een map of een patroon: met twee keer --from noemt elk één bestand (de orderregels, de orders)',
  },
} as const satisfies Catalogue;

/** A key of {@link INIT_WORDS}. */
export type InitWord = keyof typeof INIT_WORDS;

/** Values for a word's placeholders: a number is written in each language's way (1.234 / 1,234). */
export type InitVars = Readonly<Record<string, string | number>>;

/** The init word `key` in `lang`, its numbers formatted for the language. */
export function initWord(lang: Lang, key: InitWord, vars: InitVars = {}): string {
  const n = textNumbers(lang);
  const filled = Object.fromEntries(
    Object.entries(vars).map(([k, v]) => [k, typeof v === 'number' ? n.int(v) : v]),
  );
  return fill(INIT_WORDS[key][lang], filled);
}

/** The init word `key` in both languages, for a guess made before the export's language is known. */
export function initText(key: InitWord, vars: InitVars = {}): Bilingual {
  return { en: initWord('en', key, vars), nl: initWord('nl', key, vars) };
}

/** A text built in each language by `say` (for a guess whose words nest other words). */
export function bilingual(say: (lang: Lang) => string): Bilingual {
  return { en: say('en'), nl: say('nl') };
}

/**
 * An exact decimal text (`80351.02`) as init's comments write it: English as the engine prints it,
 * Dutch grouped with a decimal comma (`80.351,02`).
 */
export function initAmount(lang: Lang, amount: string): string {
  return lang === 'en' ? amount : textNumbers(lang).money(amount);
}
