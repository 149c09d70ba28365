/**
 * Which column of an export plays which part: the usual names in Dutch and English
 * (factuurnummer / InvoiceNo / order number, klantnummer / CustomerID, aantal / Quantity, ...),
 * compared without case, spaces, dots, dashes or underscores.
 */
import type { ColumnProfile } from './sniffExport.ts';

/** The parts a column of an order-line export can play. */
export const ROLES = [
  'order_id',
  'line_no',
  'customer_id',
  'customer_name',
  'order_date',
  'product_id',
  'description',
  'product_group',
  'quantity',
  'unit_price',
  'amount',
  'unit_cost',
  'cogs_amount',
  'discount_amount',
  'country',
  'segment',
  'channel',
  'discount_rate',
  'status',
  'currency',
] as const;

/** One part a column can play. */
export type Role = (typeof ROLES)[number];

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
      'ordername',
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
      'ordernummerwebshop',
    ],
  },
  line_no: { en: ['line', 'lineno', 'linenumber', 'lineid'], nl: ['regel', 'regelnummer', 'regelnr'] },
  customer_id: {
    en: [
      'customerid',
      'customer',
      'customerno',
      'customernumber',
      'customercode',
      'clientid',
      'accountid',
      'account',
      'accountno',
      'accountcode',
      'customeremail',
      'email',
      'billingemail',
      'emailaddress',
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
      'klantemail',
      'emailklant',
      'emailadres',
      'relatienummer',
      'klantemailadres',
      'emailadresklant',
      'relatie',
      'relatiecode',
      'relatienr',
    ],
  },
  customer_name: {
    en: ['customername', 'clientname', 'accountname', 'company', 'billingname', 'billtoname'],
    nl: ['klantnaam', 'naam', 'bedrijfsnaam', 'debiteurnaam'],
  },
  order_date: {
    en: [
      'invoicedate',
      'date',
      'orderdate',
      'transactiondate',
      'saledate',
      'documentdate',
      'postingdate',
      'createdat',
      'purchasedate',
      'orderdatetime',
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
    ],
    nl: ['artikel', 'artikelnummer', 'artikelnr', 'artikelcode', 'productnummer'],
  },
  description: {
    en: ['description', 'productname', 'itemname', 'productdescription', 'lineitemname'],
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
    ],
    nl: ['aantal', 'stuks', 'hoeveelheid'],
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
    ],
    nl: ['prijs', 'stukprijs', 'stuksprijs', 'eenheidsprijs', 'verkoopprijs', 'prijsperstuk', 'prijsexclbtw'],
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
    ],
    nl: [
      'bedrag',
      'totaal',
      'regelbedrag',
      'omzet',
      'regeltotaal',
      'bedragexclbtw',
      'bedragexbtw',
      'nettobedrag',
      'omzetexclbtw',
      'netto',
      'nettoomzet',
      'regelomzet',
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
    en: ['discount', 'discountamount', 'discountvalue'],
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
  channel: { en: ['channel', 'saleschannel'], nl: ['kanaal', 'verkoopkanaal'] },
  // A percentage of the list price ("Korting %": 10 = 10%).
  discount_rate: {
    en: ['discount%', 'discountpercent', 'discountpercentage', 'discountrate', 'discountpct'],
    nl: ['korting%', 'kortingspercentage', 'kortingpercentage', 'kortingperc', 'kortingpct'],
  },
  status: {
    // Order statuses (orderstatus, bestelstatus) are read with the order-level fields (orderLevel.ts): cancelled orders sell nothing there.
    en: ['status', 'invoicestatus', 'documentstatus', 'linestatus'],
    nl: ['factuurstatus', 'regelstatus'],
  },
  currency: { en: ['currency', 'currencycode'], nl: ['valuta', 'munteenheid', 'valutacode'] },
};

/** Lower case without spaces, dots, dashes, underscores or `#`: "Invoice No." -> "invoiceno". */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s._\-#/]+/g, '');
}

/** The recognised parts: each role's column (with the list its name came from). */
export interface Recognised {
  columns: Partial<Record<Role, ColumnProfile>>;
  /** The language of the names that matched: `nl` when Dutch names are the majority. */
  language: 'nl' | 'en';
  /** Columns that play no part (kept in the file, not loaded). */
  unused: string[];
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
    for (const c of columns) {
      if (used.has(c.name)) continue;
      const n = normaliseName(c.name);
      const lang =
        NAMES[role].en.includes(n) || (shopify && role === 'order_id' && n === 'name')
          ? 'en'
          : NAMES[role].nl.includes(n)
            ? 'nl'
            : null;
      if (!lang) continue;
      found[role] = c;
      used.add(c.name);
      // "Status" and "Currency" read the same in a Dutch export: they do not vote on the language.
      if (role === 'status' || role === 'currency') break;
      if (lang === 'nl') nl++;
      else en++;
      break;
    }
  }
  return {
    columns: found,
    language: nl > en ? 'nl' : 'en',
    unused: columns.filter((c) => !used.has(c.name)).map((c) => c.name),
  };
}
