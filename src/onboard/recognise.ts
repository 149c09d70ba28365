/**
 * Which column of an export plays which part: the usual names in Dutch and English
 * (factuurnummer / InvoiceNo / order number, klantnummer / CustomerID, aantal / Quantity, ...),
 * compared without case, spaces, dots, dashes or underscores.
 */
import type { ColumnProfile } from './sniffExport.ts';

/**
 * The parts a column of an order-line export can play, in the order recognition tries them, each
 * with whose part it is: the order's (number, date, status), its customer's, or the line's own
 * (product, quantity, money), which an orders file joined to lines never gives (twoExports.ts).
 */
const ROLE_OWNERS = {
  order_id: 'order',
  line_no: 'line',
  customer_id: 'customer',
  customer_name: 'customer',
  order_date: 'order',
  product_id: 'line',
  description: 'line',
  product_group: 'line',
  quantity: 'line',
  unit_price: 'line',
  amount: 'line',
  unit_cost: 'line',
  cogs_amount: 'line',
  discount_amount: 'line',
  country: 'customer',
  segment: 'customer',
  channel: 'customer',
  discount_rate: 'line',
  status: 'order',
  currency: 'order',
  amount_incl: 'line',
  vat_amount: 'line',
  vat_rate: 'line',
  first_name: 'customer',
  last_name: 'customer',
} as const satisfies Record<string, 'order' | 'customer' | 'line'>;

/** One part a column can play. */
export type Role = keyof typeof ROLE_OWNERS;

/** The parts a column can play, in the order recognition tries them (the first column that matches wins). */
export const ROLES = Object.keys(ROLE_OWNERS) as readonly Role[];

/** The line's own parts (product, quantity, money): never an order's or its customer's. */
export const LINE_ROLES: readonly Role[] = ROLES.filter((role) => ROLE_OWNERS[role] === 'line');

/** Names per role: English first, then Dutch (the language is guessed from which list matched). */
const NAMES: Record<Role, { en: string[]; nl: string[] }> = {
  order_id: {
    en: [
      'invoiceno',
      'invoice',
      'invoicenumber',
      'invoiceid',
      'orderno',
      'ordernumber',
      'orderid',
      'order',
      'documentno',
      'receiptno',
      // A till's sale (Lightspeed's `Receipt #`, Sale ID).
      'receipt',
      'saleid',
      'salenumber',
      'ordername',
      'amazonorderid',
      'num',
      // Dynamics GP's sales (SOP) documents: `SOP Number` (STDINV2001, RTN1001).
      'sopnumber',
      'docnumber',
      'incrementid',
      'orderincrementid',
      // A payment provider's export (Mollie, Stripe): one payment a line.
      'paymentid',
      'transactionid',
      // NetSuite's saved searches and most ERPs' transaction lists.
      'documentnumber',
      'transactionnumber',
      // SAP's billing document list (VF05, VBRK/VBRP exported to a spreadsheet).
      'billingdocument',
      'billingdoc',
    ],
    nl: [
      'factuurnummer',
      'factuurnr',
      'factuur',
      'ordernummer',
      'ordernr',
      'bestelnummer',
      'bestelling',
      'bonnummer',
      // A till's receipt: Bonnr, Bon nr., Kassabon, Ticketnummer.
      'bonnr',
      'bonno',
      'bon',
      'kassabon',
      'kassabonnummer',
      'ticketnummer',
      'ticketnr',
      'transactienummer',
      'transactienr',
      'ordernummerwebshop',
      // Exact Online's journal entries (Verkoopboekingen): one entry number per invoice.
      'boekstuknummer',
      'boekstuknr',
      'boekstuk',
      // An ERP's document number (invoice or credit note): Documentnr, Documentnummer.
      'documentnr',
      'documentnummer',
      'docnr',
      // Navision/Dynamics NAV's Verkoopregels (sales lines): the invoice or credit note they are on.
      'verkoopdocumentnr',
      'verkoopdocumentnummer',
      'betalingsid',
      'transactieid',
    ],
  },
  line_no: {
    en: ['line', 'lineno', 'linenumber', 'lineid', 'billingitem'],
    nl: ['regel', 'regelnummer', 'regelnr'],
  },
  customer_id: {
    en: [
      'customerid',
      'customer',
      'customerno',
      'customernumber',
      // Business Central's sales lines.
      'selltocustomerno',
      'billtocustomerno',
      // A distributor's bill-to account: the customer who pays (a ship-to is one of its stores).
      'billtoaccount',
      'billtoaccountno',
      'billtoaccountnumber',
      'billtocustomer',
      'billtocustomerid',
      'billtocustomernumber',
      'billtoid',
      'customercode',
      'clientid',
      'client',
      'accountid',
      'account',
      'accountno',
      'accountcode',
      'customeremail',
      'email',
      'billingemail',
      'emailaddress',
      'customeruser',
      'customeruserid',
      'buyer',
      'buyerid',
      'buyerusername',
      'buyeremail',
      // SAP: the party the goods were sold to (the payer and ship-to may differ).
      'soldtoparty',
      'soldto',
      'soldtopartyno',
      // Sage 50's account code (A/C, Account Reference) and NetSuite's Customer:Job.
      'ac',
      'acref',
      'accountref',
      'accountreference',
      'customer:job',
      'customerjob',
      // MYOB's card of a customer (Card ID: CUS000012).
      'cardid',
    ],
    nl: [
      'klantnummer',
      'klantnr',
      'klant',
      'klantid',
      'klantcode',
      'debiteurnummer',
      'debiteur',
      'debiteurnr',
      // Exact Online's Debiteurcode; AFAS Profit's Verkooprelatie (the sales relation's number).
      'debiteurcode',
      'verkooprelatie',
      'klantemail',
      'emailklant',
      'emailadres',
      'relatienummer',
      'klantemailadres',
      'emailadresklant',
      'relatie',
      'relatiecode',
      'relatienr',
      // A bank's export: the counter-account is who paid (ING's Tegenrekening, Rabobank's Tegenrekening IBAN/BBAN).
      'tegenrekening',
      'tegenrekeningibanbban',
      // A payment provider's payer (Mollie's Dutch export: E-mail consument).
      'emailconsument',
      'consumentemail',
      'emailbetaler',
      // A till's loyalty card (Zettle, SumUp, horeca POS): the one customer id such an export has.
      'klantkaart',
      'klantenkaart',
      'klantkaartnummer',
      'klantenkaartnummer',
      'spaarkaart',
    ],
  },
  customer_name: {
    en: [
      'customername',
      // Odoo's invoices list names the customer its Partner.
      'partner',
      'clientname',
      'accountname',
      'company',
      'billingname',
      'billtoname',
      'billingcompany',
      'contact',
      'contactname',
      'nameofsoldtoparty',
      'soldtopartyname',
      'soldtoname',
      // MYOB's Co./Last Name: a company's name, or a person's last name.
      'colastname',
    ],
    nl: [
      'klantnaam',
      'naam',
      'bedrijfsnaam',
      'debiteurnaam',
      'bedrijf',
      'relatie',
      'relatienaam',
      // A ledger export's Naam relatie, Naam debiteur (debitCredit.ts).
      'naamrelatie',
      'naamdebiteur',
      'naamverkooprelatie',
      'contactnaam',
      // A payment provider's payer (Mollie's Consumentnaam).
      'consumentnaam',
      'consument',
      // Mollie's Dutch dashboard export: Naam consument, Consumer name.
      'naamconsument',
      'naamklant',
      // A bank's export: ING's Naam / Omschrijving, Rabobank's Naam tegenpartij.
      'naamomschrijving',
      'naamtegenpartij',
    ],
  },
  order_date: {
    en: [
      'invoicedate',
      // Odoo's invoices list.
      'invoicebilldate',
      'date',
      'orderdate',
      'transactiondate',
      'saledate',
      'documentdate',
      'postingdate',
      'createdat',
      'purchasedate',
      'orderdatetime',
      'billingdate',
      // Stripe's payments export: `Created date (UTC)`.
      'createddateutc',
      'createddate',
      // A CRM's won deal is sold on its Close Date (Salesforce, HubSpot), not when it was created.
      'closedate',
      'closeddate',
      'dateclosed',
      // Ledgers and ERPs abbreviate: Doc Date, Inv Date, Trans Date, Txn Date.
      'docdate',
      'invdate',
      'transdate',
      'txndate',
    ],
    nl: ['datum', 'factuurdatum', 'orderdatum', 'besteldatum', 'boekdatum', 'besteldop', 'datumbestelling'],
  },
  product_id: {
    en: [
      'stockcode',
      'product',
      'productcode',
      'productid',
      'sku',
      'item',
      'itemcode',
      'itemno',
      'article',
      'lineitemsku',
      'productservice',
      'material',
      'materialnumber',
      // BigCommerce's order export names its line columns Product ...
      'productsku',
      // WooCommerce's order export plugins: Item SKU.
      'itemsku',
      // eBay's listing number.
      'itemnumber',
    ],
    nl: ['artikel', 'artikelnummer', 'artikelnr', 'artikelcode', 'productnummer'],
  },
  description: {
    en: [
      'description',
      'productname',
      'itemname',
      'productdescription',
      'lineitemname',
      'memodescription',
      'materialdescription',
    ],
    nl: ['omschrijving', 'productnaam', 'artikelomschrijving', 'artikelnaam'],
  },
  product_group: {
    en: ['productgroup', 'category', 'productcategory', 'group'],
    nl: ['productgroep', 'categorie', 'artikelgroep', 'groep'],
  },
  quantity: {
    en: [
      'quantity',
      'qty',
      'units',
      'amountunits',
      'pieces',
      'lineitemquantity',
      'qtyordered',
      'itemquantity',
      'quantitypurchased',
      'billedquantity',
      'invoicedquantity',
      // An order export's ordered quantity (Unleashed's `Order Quantity`).
      'orderquantity',
      'productqty',
      'productquantity',
    ],
    nl: [
      'aantal',
      'stuks',
      'hoeveelheid',
      'aantalproducten',
      'aantalartikelen',
      'aantalstuks',
      // AFAS Profit's Aantal eenheden.
      'aantaleenheden',
      // A fulfilment warehouse's order lines: what was delivered beside what was ordered (backorders).
      'aantalgeleverd',
      'geleverd',
      'aantalgefactureerd',
      'aantalbesteld',
      'besteld',
    ],
  },
  unit_price: {
    en: [
      'unitprice',
      'price',
      'priceperunit',
      'listprice',
      'salesprice',
      'lineitemprice',
      'itemcost',
      'itemprice',
      'productunitprice',
      'productprice',
      // eBay's orders report: the price of one item.
      'soldfor',
    ],
    nl: [
      'prijs',
      'stukprijs',
      'stuksprijs',
      'eenheidsprijs',
      'verkoopprijs',
      'prijsperstuk',
      'prijsexclbtw',
      'prijspereenheid',
    ],
  },
  amount: {
    en: [
      'amount',
      'total',
      'linetotal',
      'lineamount',
      'revenue',
      'sales',
      'value',
      'netamount',
      'net',
      'netsales',
      'netvalue',
      'netlineamount',
      'amountexclvat',
      'amountexvat',
      'itemtotal',
      // A marketplace's transaction report: the items sold, before shipping and the marketplace's fees.
      'itemsubtotal',
      'lineitemtotal',
      'producttotalprice',
      'producttotal',
      'subtotal',
      'rowtotal',
    ],
    nl: [
      'bedrag',
      'totaal',
      'regelbedrag',
      'omzet',
      'regeltotaal',
      // Odoo's invoice lines in Dutch: the line after its discount, excluding VAT.
      'subtotaal',
      'bedragexclbtw',
      'bedragexbtw',
      'nettobedrag',
      'omzetexclbtw',
      'netto',
      'nettoomzet',
      'regelomzet',
      // bol.com: the line's price (Aantal x the price of one), next to "Prijs per stuk".
      'totaalprijs',
      'regelprijs',
      // A bank's export: ING's Bedrag (EUR).
      'bedrageur',
    ],
  },
  unit_cost: {
    en: ['unitcost', 'costprice', 'purchaseprice', 'cost'],
    nl: ['kostprijs', 'inkoopprijs', 'kosten'],
  },
  cogs_amount: {
    en: ['cogs', 'costofgoods', 'costofsales', 'linecost', 'costofgoodssold', 'totalcost', 'costamount'],
    nl: [
      'inkoopwaarde',
      'kostprijsomzet',
      'kostprijsverkopen',
      'kostprijstotaal',
      'totalekostprijs',
      'kostprijsbedrag',
      'inkoopbedrag',
    ],
  },
  discount_amount: {
    // Amazon's `item-promotion-discount`: the line's promotion (written negative there: moneyFormulas turns it).
    en: [
      'discount',
      'discountamount',
      'discountvalue',
      'itempromotiondiscount',
      'promotiondiscount',
      'itemdiscount',
    ],
    nl: ['korting', 'kortingsbedrag', 'kortingbedrag'],
  },
  country: {
    en: ['country', 'region', 'countryname', 'billingcountry'],
    nl: ['land', 'regio', 'factuurland'],
  },
  segment: {
    en: ['segment', 'customersegment', 'customertype'],
    nl: ['klantsegment', 'klanttype', 'klantgroep'],
  },
  // A till's outlet (Lightspeed, Shopify POS: `Outlet`, `Location`): where the sale was made.
  channel: { en: ['channel', 'saleschannel', 'outlet'], nl: ['kanaal', 'verkoopkanaal'] },
  // A percentage of the list price ("Korting %": 10 = 10%).
  discount_rate: {
    // Business Central's `Line Discount %`.
    en: [
      'discount%',
      'discountpercent',
      'discountpercentage',
      'discountrate',
      'discountpct',
      'linediscount%',
      // A wholesaler's abbreviation: Disc %.
      'disc%',
      'discpct',
    ],
    nl: ['korting%', 'kortingspercentage', 'kortingpercentage', 'kortingperc', 'kortingpct'],
  },
  status: {
    // Order statuses (orderstatus, bestelstatus) are read with the order-level fields (orderLevel.ts): cancelled orders sell nothing there.
    // A CRM's pipeline stage (Salesforce's Stage, HubSpot's Deal Stage): only a won deal is a sale (statusRule.ts).
    en: [
      'status',
      'invoicestatus',
      'documentstatus',
      'linestatus',
      'stage',
      'dealstage',
      'opportunitystage',
      'salesstage',
      // Dynamics GP's `Void Status` (Normal or Voided).
      'voidstatus',
    ],
    nl: ['factuurstatus', 'regelstatus'],
  },
  currency: {
    en: ['currency', 'currencycode', 'ordercurrencycode', 'basecurrencycode', 'documentcurrency'],
    nl: ['valuta', 'munteenheid', 'valutacode'],
  },
  // An amount including VAT is also read from its name's shape (inclusiveOf): "Bedrag incl. btw".
  amount_incl: {
    en: ['grossamount', 'amountinclvat', 'totalinclvat', 'amountincltax', 'totalincltax', 'linetotalincltax'],
    nl: ['bedraginclbtw', 'totaalinclbtw', 'regelbedraginclbtw', 'brutobedrag'],
  },
  vat_amount: {
    en: ['vat', 'tax', 'vatamount', 'taxamount', 'itemtax', 'linetax', 'lineitemtax', 'salestax'],
    nl: ['btw', 'btwbedrag', 'bedragbtw', 'btwregel'],
  },
  // A rate in percent (21, 9, 0) or as a fraction (0.21): exportFacts.ts tells which.
  vat_rate: {
    en: ['vat%', 'vatrate', 'vatpercent', 'vatpercentage', 'tax%', 'taxrate', 'taxpercent'],
    nl: ['btw%', 'btwtarief', 'btwpercentage', 'btwperc', 'btwpct', 'tarief%'],
  },
  // A person's name in two columns (WooCommerce): the customer's name when there is no company name.
  first_name: { en: ['billingfirstname', 'firstname'], nl: ['voornaam'] },
  last_name: { en: ['billinglastname', 'lastname'], nl: ['achternaam'] },
};

/**
 * Names a role takes only when none of its own names is in the export: a payment's `Transaction
 * ID` is Square's order (Etsy's, beside its `Order ID`, is a line's), a payment's bare `id` is
 * Stripe's, and Square's `Discounts` is the discount, each only without a plainer column.
 */
const FALLBACK_NAMES: Partial<Record<Role, string[]>> = {
  // Sage's Ref is the invoice number where nothing plainer is.
  // Odoo's invoices list numbers its invoices `Number` (INV/2025/00001).
  // FreeAgent's invoice items name the invoice `Reference` (INV-0123, CN-0012).
  order_id: ['transactionid', 'receiptnumber', 'paymentid', 'chargeid', 'id', 'ref', 'reference', 'number'],
  discount_amount: ['discounts', 'discounttotal'],
  // A bare Name (NetSuite's saved search, Sage's list) is the customer's where no column says customer name.
  // A Dutch `Klant` or `Debiteur` beside a `Klantcode` / `Debiteurnummer` that took the id is its name.
  // Likewise an English bare `Customer` or `Client` beside an `Account` that took the id (a UK sales list).
  customer_name: ['name', 'klant', 'debiteur', 'customer', 'client'],
  // NetSuite's Rate: the unit price where no column says price.
  unit_price: ['rate'],
  // An export with one row per order (its items in one cell): the order's subtotal, else its total.
  amount: ['ordersubtotal', 'ordertotal'],
};

/** Names of the units ordered: the quantity only where no column says what was delivered or invoiced. */
const ORDERED_QUANTITIES = new Set(['aantalbesteld', 'besteld']);

/** Names of when a record was made: a date of the sale only where no other date name is in the export. */
const CREATED_DATES = new Set(['createddate', 'createdat', 'createddateutc', 'createdon']);

/**
 * Names such as "Bedrag incl. btw", "Line total (incl. tax)" and "Totaal excl. BTW": an amount
 * name (as normalised) followed by incl/excl and a word for VAT. The amount part is any name of
 * the amount or amount_incl lists.
 */
const VAT_SUFFIX = /^(.+?)(inclusief|including|incl|inc|exclusief|excluding|excl|ex)(btw|vat|tax|gst)$/;

/**
 * Whether normalised name `n` is an amount name (or, with `of` 'unit_price', a unit price name)
 * with an incl. (`incl`) or excl. (`excl`) VAT suffix.
 */
export function vatSuffix(n: string, of: 'amount' | 'unit_price' = 'amount'): 'incl' | 'excl' | undefined {
  const m = VAT_SUFFIX.exec(n);
  if (!m) return undefined;
  const base = m[1]!;
  // Line amounts only: a unit price including VAT ("Prijs incl. btw") is no line amount.
  const amounts = [...NAMES[of].en, ...NAMES[of].nl];
  if (!amounts.includes(base)) return undefined;
  return m[2]!.startsWith('in') ? 'incl' : 'excl';
}

/**
 * A column named as a line's place in its order ("Item #", "Line item #", "#", "Artikel #" in
 * WooCommerce): a counter 1, 2, 3 per order, never a product, whatever its first word says.
 */
function isLineIndex(raw: string): boolean {
  return /#\s*$/.test(raw.trim());
}

/**
 * Names of the column a refund stored as an order of its own points back with (WooCommerce's
 * `Parent Order`): that order is the one the return credits.
 */
const PARENT_ORDER_NAMES = [
  'parentorder',
  'parentorderid',
  'parentordernumber',
  'originalorder',
  'originalordernumber',
];

/** The column naming the order a refund credits (WooCommerce's `Parent Order`), among the unused ones; absent: none. */
export function parentOrderColumn(r: Recognised): string | undefined {
  return r.unused.find((n) => PARENT_ORDER_NAMES.includes(normaliseName(n)));
}

/** Customer id names that are e-mail addresses: used only when the export has no customer id or number. */
const EMAIL_IDS = new Set([
  'customeremail',
  'email',
  'billingemail',
  'emailaddress',
  'klantemail',
  'emailklant',
  'emailadres',
  'klantemailadres',
  'emailadresklant',
  'buyeremail',
]);

/** Bare customer names that are the customer's name beside a column named as its code or number. */
const BARE_CUSTOMERS = new Set(['klant', 'debiteur', 'customer', 'client']);

/** The order in which a customer id is looked for: numbers and codes, then bare names, then e-mail addresses. */
function customerIdRank(name: string): number {
  const n = normaliseName(name);
  return EMAIL_IDS.has(n) ? 2 : BARE_CUSTOMERS.has(n) ? 1 : 0;
}

/** Names of a marketplace's or payment provider's fee (bol.com's "Commissie"): a cost of selling, never revenue. */
const FEE_NAMES = new Set([
  'commission',
  'fee',
  'fees',
  'marketplacefee',
  'sellingfee',
  'transactionfee',
  'commissie',
  'commissieinclbtw',
  'commissieexclbtw',
  'verkoopkosten',
  'transactiekosten',
]);

/** Whether an export column is a commission or fee by its name (worth.yaml says it is not revenue). */
export function isFeeColumn(name: string): boolean {
  return FEE_NAMES.has(normaliseName(name));
}

/** Lower case without spaces, dots, dashes, underscores, `#` or brackets: "Invoice No." -> "invoiceno", "Line total (incl. tax)" -> "linetotalincltax". */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s._\-#/()[\]]+/g, '');
}

/**
 * The name a column is recognised by for `role`: its whole name normalised, or, when that names
 * no role and the name is a relation's field (`Invoice lines/Quantity`, as Odoo exports the
 * lines of an invoice), the field's own name (`Quantity`).
 */
function roleName(name: string, role: Role): string {
  const n = normaliseName(name);
  const slash = name.lastIndexOf('/');
  if (slash <= 0 || slash === name.length - 1) return n;
  const known = (x: string) =>
    NAMES[role].en.includes(x) || NAMES[role].nl.includes(x) || (FALLBACK_NAMES[role] ?? []).includes(x);
  if (known(n)) return n;
  const leaf = normaliseName(name.slice(slash + 1));
  // A single letter after the slash is no field (Sage's A/C).
  return leaf.length > 1 && known(leaf) ? leaf : n;
}

/** The recognised parts: each role's column (with the list its name came from). */
export interface Recognised {
  columns: Partial<Record<Role, ColumnProfile>>;
  /** The language of the names that matched: `nl` when Dutch names are the majority. */
  language: 'nl' | 'en';
  /** How many names voted on the language (0: none of either list matched, the language is a default). */
  votes?: number;
  /** Columns that play no part (kept in the file, not loaded). */
  unused: string[];
  /** An e-mail column that is not the customer id (a guest's id in a web shop that numbers its accounts). */
  email?: ColumnProfile;
  /** The amount is after the discount though its name does not say so (amountAfterDiscount.ts). */
  amountAfterDiscount?: boolean;
  /** The amount is read as including VAT because the export is a Dutch shop's sales to consumers (vat.ts). */
  consumerPrices?: boolean;
}

/** Recognises the columns of an export by name (the first column that matches a role wins). */
export function recognise(columns: ColumnProfile[]): Recognised {
  const found: Partial<Record<Role, ColumnProfile>> = {};
  let nl = 0;
  let en = 0;
  const used = new Set<string>();
  // Shopify calls the order number "Name" (#1001): read so only beside its "Lineitem ..." columns.
  const shopify = columns.some((c) => normaliseName(c.name) === 'lineitemquantity');
  for (const role of ROLES) {
    // A customer's e-mail address is its id only when no column is named as an id or number, and a
    // bare `Debiteur` or `Customer` only when none is named as a code (Exact's Debiteurcode, Debiteur).
    const candidates =
      role === 'customer_id'
        ? [...columns].sort((a, b) => customerIdRank(a.name) - customerIdRank(b.name))
        : role === 'order_date'
          ? // A CRM's Created Date beside its Close Date: the deal was sold when it closed.
            [...columns].sort(
              (a, b) =>
                Number(CREATED_DATES.has(normaliseName(a.name))) -
                Number(CREATED_DATES.has(normaliseName(b.name))),
            )
          : role === 'quantity'
            ? // Units ordered beside units delivered (a backorder delivers fewer): the delivered are sold.
              [...columns].sort(
                (a, b) =>
                  Number(ORDERED_QUANTITIES.has(normaliseName(a.name))) -
                  Number(ORDERED_QUANTITIES.has(normaliseName(b.name))),
              )
            : columns;
    for (const c of candidates) {
      if (used.has(c.name)) continue;
      if (role === 'product_id' && isLineIndex(c.name)) continue;
      const n = roleName(c.name, role);
      const lang =
        NAMES[role].en.includes(n) || (shopify && role === 'order_id' && n === 'name')
          ? 'en'
          : NAMES[role].nl.includes(n)
            ? 'nl'
            : null;
      // A unit price excluding VAT (Business Central's `Unit Price Excl. VAT`) is the unit price.
      const suffixed =
        (role === 'amount' && vatSuffix(n) === 'excl') ||
        (role === 'amount_incl' && vatSuffix(n) === 'incl') ||
        (role === 'unit_price' && vatSuffix(n, 'unit_price') === 'excl');
      if (!lang && !suffixed) continue;
      found[role] = c;
      used.add(c.name);
      // "Status" and "Currency" read the same in a Dutch export: they do not vote on the language.
      if (role === 'status' || role === 'currency' || !lang) break;
      if (lang === 'nl') nl++;
      else en++;
      break;
    }
  }
  for (const [role, names] of Object.entries(FALLBACK_NAMES) as [Role, string[]][]) {
    if (found[role]) continue;
    // An amount's fallbacks are taken in the list's order (a subtotal before a total), the others in the file's.
    const c =
      role === 'amount'
        ? names
            .map((n) => columns.find((x) => !used.has(x.name) && roleName(x.name, role) === n))
            .find((x) => x !== undefined)
        : columns.find((x) => !used.has(x.name) && names.includes(roleName(x.name, role)));
    if (!c) continue;
    found[role] = c;
    used.add(c.name);
  }
  const dated = found.order_date ? undefined : dateByValues(columns, used);
  if (dated) {
    found.order_date = dated;
    used.add(dated.name);
  }
  // A payment provider's export numbers its payments `ID` only: the order when nothing else is.
  const plainId = columns.find((c) => !used.has(c.name) && normaliseName(c.name) === 'id');
  if (!found.order_id && plainId) {
    found.order_id = plainId;
    used.add(plainId.name);
  }
  // Without a customer id or e-mail column, the customer's name is its id (a till's Klant, Mollie's Consumentnaam).
  const anyEmail = columns.some((c) => EMAIL_IDS.has(normaliseName(c.name)));
  if (!found.customer_id && !anyEmail && found.customer_name) {
    found.customer_id = found.customer_name;
    delete found.customer_name;
  }
  const email = columns.find((c) => !used.has(c.name) && EMAIL_IDS.has(normaliseName(c.name)));
  return {
    columns: found,
    language: nl > en ? 'nl' : 'en',
    votes: nl + en,
    // An empty column without a name (the `;` Excel writes at each line's end) is nothing to use.
    unused: columns.filter((c) => !used.has(c.name) && !emptyUnnamed(c)).map((c) => c.name),
    ...(email ? { email } : {}),
  };
}

/**
 * Without a column named as a date, the first other column whose values read as dates (a
 * monthly overview's `Periode` of `december 2025`, a `Leverdatum`, an `Afgerond op`): the
 * profile's 95% rule, so one date among text does not make a date column.
 */
function dateByValues(columns: ColumnProfile[], used: Set<string>): ColumnProfile | undefined {
  return columns.find((c) => !used.has(c.name) && c.kind === 'date' && c.present > 0);
}

/** A column whose header field was empty (named `column10` by the reader) and whose values are all empty. */
function emptyUnnamed(c: ColumnProfile): boolean {
  return /^column[0-9]+$/.test(c.name) && c.present === 0;
}
