/**
 * `worth init DIR --from FILE`: copies the export into DIR/data/, profiles it (DuckDB's
 * sniffer and a count of what each column reads as), recognises its columns, writes a
 * commented worth.yaml and previews the load.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { noProgress, WorthError, type Progress } from '../core/index.ts';
import { openEngine } from '../warehouse/index.ts';
import { CONFIG_FILE, loadWorkspace } from '../workspace/index.ts';
import { exportFacts } from './exportFacts.ts';
import { returnsOrderLines, typeAsStatus } from './statusRule.ts';
import { exportFiles, joinExports } from './exportFiles.ts';
import {
  exportYaml,
  requireColumns,
  type ExportFacts,
  type ExportYamlInput,
  type LookupYaml,
} from './exportYaml.ts';
import { orderLevel, type OrderLevel } from './orderLevel.ts';
import { groupHeadings, type GroupHeadings } from './groupHeadings.ts';
import { previewIngest, type Preview } from './preview.ts';
import { productList } from './productList.ts';
import { totalVat } from './totalVat.ts';
import { priceAsAmount, priceIsTotal } from './priceIsTotal.ts';
import { costAsLineCost, costIsLineTotal } from './costIsLineTotal.ts';
import { amountAfterDiscount } from './amountAfterDiscount.ts';
import { amountBeforeDiscount, withoutAmount } from './amountBeforeDiscount.ts';
import { recognise, type Recognised } from './recognise.ts';
import { sniffExport, type ExportProfile } from './sniffExport.ts';
import { readVat, type VatFacts } from './vat.ts';
import { numberDates } from './numberDates.ts';
import { cliWord, initText, initWord, type Lang } from '../words/index.ts';
import { isDynamicPattern } from 'tinyglobby';
import { headerLanguage } from './headerLanguage.ts';
import { walkIns } from './walkIns.ts';
import { idVariants } from './idVariants.ts';
import { creditType } from './creditType.ts';
import { constantCustomer } from './constantCustomer.ts';
import { severalCurrencies, type CurrencyGuess } from './currency.ts';
import { fillerRows } from './fillerRows.ts';
import { textLines } from './textLines.ts';
import { orderSummaries } from './orderSummary.ts';
import { creditFiles } from './creditFiles.ts';
import { paymentRows } from './paymentRows.ts';
import { afBijLines } from './afBij.ts';
import { ledgerLines } from './debitCredit.ts';
import { sideColumnLines } from './sideColumn.ts';
import { shippingLines } from './shippingLines.ts';
import { grossOfFees } from './grossOfFees.ts';
import { groupedOrders } from './groupedOrders.ts';
import { columnsReadByRules } from './rulesRead.ts';
import { orderByDay } from './orderByDay.ts';
import { footerLines } from './footerLines.ts';
import { companyCustomers } from './companyCustomers.ts';
import { excelSerialDates, refuseExcelSerialDates } from './excelSerialDates.ts';
import { twoExports, type TwoExports } from './twoExports.ts';

/** The outcome of {@link initFromExport}. */
export interface InitFromExport {
  /** The worth.yaml written. */
  configFile: string;
  /** The copy of the export in the workspace. */
  dataFile: string;
  profile: Omit<ExportProfile, 'table'>;
  recognised: Recognised;
  /** Order-level fields of a web-shop export: filled down, voided orders, money not loaded. */
  orderLevel: OrderLevel;
  /** The currency written in worth.yaml (ISO 4217). */
  currency: string;
  /** How that currency was found: named by the export, or a guess (the preview then says what to write instead). */
  currencyGuess: CurrencyGuess;
  /** What the user should check before trusting the figures (see {@link ExportFacts}). */
  checks: Pick<ExportFacts, 'netMismatch' | 'cancelled' | 'vat' | 'customerSplit'>;
  /** Lines of orders whose status says refunded (loaded as returns of those lines when there is no refund amount). */
  refundedLines?: { column: string; lines: number };
  preview: Preview;
}

/** What {@link initFromExport} reports while it works. */
export interface InitEffects {
  /** A progress bar through copying, reading, recognising and the trial load (none by default). */
  progress?: Progress;
}

/** Phases of `init --from` on its progress bar, each a CLI word with the file's name. */
const PHASES = ['initCopy', 'initSniff', 'initRecognise', 'initPreview'] as const;

/**
 * Writes a workspace in `dir` for the export `file` and previews its load. Progress is shown in
 * the language of the export's column names (headerLanguage.ts, then the recognised language);
 * the trial load's own steps are shown under its phase's label.
 */
export async function initFromExport(
  dir: string,
  from: string | readonly string[],
  effects: InitEffects = {},
): Promise<InitFromExport> {
  const progress = effects.progress ?? noProgress;
  // Two files (`--from lines --from orders`): the order lines and their orders, joined (twoExports.ts).
  const froms = typeof from === 'string' ? [from] : [...from];
  const first = froms[0] ?? '';
  let lang: Lang = headerLanguage(exportFiles(first)[0] ?? first);
  if (froms.length > 2)
    throw new WorthError(
      'input',
      {},
      froms.join(', '),
      'one or two exports',
      initWord(lang, 'pairTooMany', { n: froms.length }),
    );
  const pair = froms.length === 2 ? (froms as [string, string]) : undefined;
  const shownName = froms.map((f) => path.basename(f)).join(' + ');
  const phase = (i: number) => {
    progress.stop();
    progress.start(cliWord(lang, PHASES[i]!, { file: shownName }), PHASES.length);
    progress.update(i);
  };
  try {
    return await initPhases(dir, first, phase, progress, (l) => (lang = l), pair);
  } finally {
    progress.stop();
  }
}

async function initPhases(
  dir: string,
  from: string,
  phase: (i: number) => void,
  progress: Progress,
  setLang: (lang: Lang) => void,
  pair?: [string, string],
): Promise<InitFromExport> {
  // A folder or a pattern of monthly exports: one source over all of them (exportFiles.ts).
  // Two exports (order lines and orders): each one file, both copied, read as one joined copy.
  const files = pair ? pair.map((f) => oneFile(f, headerLanguage(f))) : exportFiles(from);
  const file = files.length === 1 ? files[0]! : from;
  let source = path.resolve(file);
  for (const f of pair ? files : [file]) {
    const at = path.resolve(f);
    if ((pair || files.length === 1) && (!existsSync(at) || statSync(at).isDirectory())) {
      throw new WorthError(
        'file_missing',
        { file: f },
        undefined,
        'an export file (CSV, CSV.gz, XLSX or Parquet)',
        `not found (looked for ${at})`,
      );
    }
  }
  const abs = path.resolve(dir);
  const configFile = path.join(abs, CONFIG_FILE);
  if (existsSync(configFile))
    throw new WorthError(
      'workspace',
      { file: configFile },
      undefined,
      'no existing worth.yaml',
      'already exists; not overwritten',
    );
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'worth-init-'));
  let relative: string | string[] = `data/${path.basename(source)}`;
  let dataFile = path.join(abs, relative);
  const credit = pair ? undefined : creditFiles(files);
  // The first folder this run makes (the workspace or its data/): removed again when init fails.
  const madeDir = mkdirSync(path.join(abs, 'data'), { recursive: true });
  const removeMadeDir = () => {
    if (madeDir) rmSync(madeDir, { recursive: true, force: true });
  };
  const copies = files.map((f) => ({ from: f, to: path.join(abs, 'data', path.basename(f)) }));
  const made = copies.filter((c) => path.resolve(c.to) !== path.resolve(c.from));
  // Several files are profiled as one copy of all their lines; the workspace names them by a pattern.
  let profiled = dataFile;
  try {
    if (files.length > 1 && !pair) {
      profiled = path.join(
        tmp,
        `joined${/\.tsv$|\.txt$/i.test(files[0]!.replace(/\.gz$/i, '')) ? '.txt' : '.csv'}`,
      );
      relative = joinExports(files, profiled);
      dataFile = path.join(abs, typeof relative === 'string' ? relative : 'data');
      // Credit memos in files of their own (Business Central): the others are the sales.
      if (credit) relative = credit.sales.length === 1 ? credit.sales[0]! : credit.sales;
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    removeMadeDir();
    throw e;
  }
  phase(0);
  for (const c of made) copyFileSync(c.from, c.to);
  const copied = made.length > 0;
  const engine = await openEngine();
  let profile: ExportProfile;
  let recognised: Recognised;
  let level: OrderLevel;
  let facts: ExportFacts;
  let grouped: GroupHeadings | undefined;
  let yamlInput: ExportYamlInput;
  let paired: TwoExports | undefined;
  try {
    phase(1);
    if (pair) {
      paired = await twoExports(engine, [files[0]!, files[1]!], tmp);
      profile = paired.profile;
      source = path.resolve(paired.linesFile);
      relative = `data/${path.basename(source)}`;
      dataFile = path.join(abs, relative);
    } else profile = await sniffExport(engine, profiled, tmp);
    // A report's footer below the data (eBay's Seller Summary): one export's only, not a joined copy's.
    const footer = files.length === 1 ? footerLines(profiled, profile) : undefined;
    if (footer) {
      profile.footerLines = footer.lines;
      profile.reasons.push(footer.why);
    }
    ({ profile, recognised } = numberDates(profile, recognise(profile.columns)));
    setLang(recognised.language);
    phase(2);
    // A "customer" column with one value throughout (Xero's ledger Account) gives way to the customer name.
    const constant = await constantCustomer(engine, profile, recognised);
    if (constant) {
      recognised = constant.recognised;
      profile.reasons.push(constant.why);
    }
    // A report grouped by customer (QuickBooks): the heading column is every line's customer.
    grouped = await groupHeadings(engine, profile, recognised);
    if (grouped) {
      const heading = grouped.column;
      recognised = {
        ...recognised,
        columns: { ...recognised.columns, customer_id: heading },
        unused: recognised.unused.filter((n) => n !== heading.name),
      };
      profile.reasons.push(
        initText('groupedByCustomer', {
          column: heading.name,
          headings: String(grouped.headings),
          totals: String(grouped.totals),
        }),
      );
    }
    // A general ledger (Debet and Credit, revenue accounts among VAT, debtors and bank): debitCredit.ts.
    // A bank's export (an unsigned amount, its direction in `Af Bij`) is read as a ledger: afBij.ts.
    // So is a ledger's unsigned amount with its side in `D/C` (Twinfield's transactions): sideColumn.ts.
    const ledgerRead =
      (await ledgerLines(engine, profile, recognised, path.basename(source))) ??
      (await afBijLines(engine, profile, recognised)) ??
      (await sideColumnLines(engine, profile, recognised, path.basename(source)));
    if (ledgerRead) {
      recognised = ledgerRead.recognised;
      profile.reasons.push(ledgerRead.ledger.why);
    }
    // Excel day numbers as the order date in delimited text: read with excel_date (excelSerialDates.ts).
    const serial = await excelSerialDates(engine, profile, recognised);
    if (serial) {
      recognised = serial.recognised;
      profile = { ...profile, table: serial.table };
      profile.reasons.push(serial.why);
    }
    // No order number (a sales overview per customer): an order is a customer on one day.
    const byDay = await orderByDay(engine, profile, recognised, serial?.formula);
    if (byDay) {
      recognised = byDay.recognised;
      profile = { ...profile, table: byDay.table };
      profile.reasons.push(byDay.why);
    }
    requireColumns(profile, recognised, path.basename(source));
    refuseExcelSerialDates(recognised, path.basename(source), recognised.language);
    // No customer number: the company a contact orders for, else the e-mail in lower case (companyCustomers.ts).
    const key = grouped || ledgerRead ? undefined : await companyCustomers(engine, profile, recognised);
    if (key) {
      recognised = key.recognised;
      profile.reasons.push(key.why);
    }
    // Grouped rows (Odoo): an invoice's number on its first line only; later reads see it filled.
    const numbered = grouped ? undefined : await groupedOrders(engine, profile, recognised);
    if (numbered) {
      profile = { ...profile, table: numbered.table };
      profile.reasons.push(numbered.why);
    }
    // Amounts in several currencies: the base currency's column, else a clear refusal (currency.ts).
    // Receipts and payments listed among the invoices (Sage's SR, SA), a payment provider's
    // withdrawals and conversions: no sales, left out by a rule (and their currencies not counted).
    const payments = grouped ? undefined : await paymentRows(engine, profile, recognised);
    const currencies = await severalCurrencies(engine, profile, recognised, path.basename(source), payments);
    if (currencies) {
      recognised = currencies.recognised;
      profile.reasons.push(currencies.why);
    }
    // A payment provider's Net (after its fee): the sale is the Gross the customer paid.
    const feeTaken = await grossOfFees(engine, profile, recognised);
    if (feeTaken) {
      recognised = feeTaken.recognised;
      profile.reasons.push(feeTaken.why);
    }
    // A "price" that is quantity x the unit price (Amazon's item-price) is the line's amount.
    const total = await priceIsTotal(engine, profile, recognised);
    if (total) {
      recognised = priceAsAmount(recognised);
      profile.reasons.push(
        initText('priceIsTotal', {
          column: total.column,
          totals: String(total.totals),
          lines: String(total.lines),
        }),
      );
    }
    // A `Kostprijs` that is units x the cost price (AFAS's Verkooprealisatie) is the line's cost of goods.
    const lineCost = await costIsLineTotal(engine, profile, recognised);
    if (lineCost) {
      recognised = costAsLineCost(recognised);
      profile.reasons.push(
        initText('costIsLineTotal', {
          column: lineCost.column,
          totals: String(lineCost.totals),
          lines: String(lineCost.lines),
        }),
      );
    }
    // An amount still quantity x price where a discount column says otherwise is taken before the discount.
    const before = await amountBeforeDiscount(engine, profile, recognised);
    if (before) {
      recognised = withoutAmount(recognised);
      profile.reasons.push(
        initText('amountBeforeDiscount', {
          amount: before.amount,
          undiscounted: String(before.undiscounted),
          discounted: String(before.discounted),
          discount: before.discount,
        }),
      );
    }
    // An amount whose total is it plus tax on the discounted lines is after the discount (Lightspeed's Subtotal).
    const after = before ? undefined : await amountAfterDiscount(engine, profile, recognised);
    if (after) {
      recognised = { ...recognised, amountAfterDiscount: true };
      profile.reasons.push(
        initText('amountAfterDiscount', {
          amount: after.amount,
          total: after.total,
          tax: after.tax,
          taxed: String(after.taxedAmount),
          discounted: String(after.discounted),
          discount: after.discount,
        }),
      );
    }
    let vat: VatFacts | undefined;
    ({ recognised, vat } = await readVat(engine, profile, recognised));
    // A Dutch total with no VAT column: whether it includes btw is said, not guessed. A ledger's
    // revenue accounts are booked without btw (it has accounts of its own): nothing to say.
    const unknownVat = vat || ledgerRead?.ledger.account ? undefined : totalVat(recognised);
    if (unknownVat) profile.reasons.push(unknownVat);
    level = await orderLevel(engine, profile, recognised);
    // A till's walk-in placeholder (Passant, Kassa, Walk-in) is no customer: a missing id.
    const walk = await walkIns(engine, profile, recognised);
    if (walk.why) profile.reasons.push(walk.why);
    // One customer number written several ways (0012 and 12): said with the formula that merges them, never merged.
    const variants = key || grouped ? undefined : await idVariants(engine, profile, recognised);
    if (variants) profile.reasons.push(variants.why);
    // Credit notes said by a document-type column (Soort: Creditnota), their amounts perhaps positive.
    const signs = [recognised.columns.quantity, recognised.columns.amount, recognised.columns.amount_incl];
    const credits = await creditType(
      engine,
      profile,
      recognised,
      signs.flatMap((c) => (c ? [c.name] : [])),
    );
    // A type column that makes the split (credit notes printed positive) is used, not "not used".
    if (credits && credits.positive > 0)
      recognised = { ...recognised, unused: recognised.unused.filter((n) => n !== credits.column) };
    // An order's total on its first line only is not a line's net amount: lines are priced from quantity x price.
    if (level.orderAmount && recognised.columns.quantity && recognised.columns.unit_price) {
      const { amount: orderTotal, ...lineColumns } = recognised.columns;
      recognised = { ...recognised, columns: lineColumns, unused: [...recognised.unused, orderTotal!.name] };
    }
    // A spreadsheet's empty rows and notes below the data: left out by a rule, not rejected.
    // With grouped rows every line has a number once filled: a note is a line with no line data.
    const filler = grouped
      ? undefined
      : await fillerRows(engine, profile, numbered ? withoutOrderNumber(recognised) : recognised);
    // Comment lines under a document (Business Central: Type empty, a description only): left out, counted.
    const comments = grouped || numbered ? undefined : await textLines(engine, profile, recognised);
    // An order's summary row above its items (eBay): no sale of its own, left out and counted.
    const summaries = grouped || numbered ? undefined : await orderSummaries(engine, profile, recognised);
    if (credit) profile.reasons.push(credit.why);
    // A credit note's type on its first line only counts for all its lines.
    if (numbered && credits && !level.fillDown.includes(credits.column))
      level = { ...level, fillDown: [...level.fillDown, credits.column] };
    // Several products in one cell (`2x Koffie; 1x Thee`): no product, said in one line.
    const list = await productList(engine, profile, recognised);
    if (list) {
      recognised = list.recognised;
      profile.reasons.push(list.why);
    }
    // Shipping charged as a line of its own (Verzendkosten): no product sale, left out by a rule.
    const shipping = grouped ? undefined : await shippingLines(engine, profile, recognised);
    yamlInput = {
      file: relative,
      profile,
      recognised,
      ...(key?.id ? { customerKey: key.id } : {}),
      facts: (facts = {
        ...(await exportFacts(
          engine,
          profile,
          recognised,
          level.status?.column ??
            recognised.columns.status?.name ??
            // A register's Type naming voided documents (Void) where no status column is.
            (await typeAsStatus(engine, profile, recognised)),
        )),
        vat,
        // A unit price including VAT is not quantity x price of the net amount: no discount to check.
        ...(vat?.priceIncludesVat ? { netMismatch: undefined } : {}),
        ...(credits ? { creditType: credits } : {}),
        ...(currencies ? { currency: currencies.currency } : {}),
      }),
      orderLevel: level,
      walkIns: walk.values,
      ...(walk.ids.length ? { walkInIds: walk.ids } : {}),
      ...(filler ? { fillerRows: filler } : {}),
      ...(comments ? { textLines: comments } : {}),
      ...(summaries ? { orderSummaries: summaries } : {}),
      ...(credit ? { creditFiles: credit.credits } : {}),
      ...(payments ? { paymentRows: payments } : {}),
      ...(ledgerRead ? { ledger: ledgerRead.ledger } : {}),
      ...(shipping ? { shippingLines: shipping } : {}),
      walkInLines: walk.lines,
      ...(grouped ? { groupHeadings: grouped } : {}),
      ...(numbered ? { groupedOrders: numbered.column } : {}),
      ...(byDay ? { orderFormula: byDay.formula } : {}),
      ...(serial ? { dateFormula: serial.formula } : {}),
      ...(paired ? { lookup: lookupOf(paired, recognised, level, facts) } : {}),
    };
    // Refunds as rows of their own (status refunded, amount below zero): returned by the credit split only.
    const refundRows =
      facts.status?.values.filter((v) => v.kind === 'refunded' && !returnsOrderLines(v)) ?? [];
    if (refundRows.length && facts.status)
      profile.reasons.push(
        initText('refundRows', {
          column: facts.status.column,
          values: refundRows.map((v) => v.value).join('/'),
          n: String(refundRows.reduce((a, v) => a + v.lines, 0)),
        }),
      );
    const yaml = exportYaml(yamlInput);
    writeFileSync(configFile, yaml);
  } catch (e) {
    // Nothing half-made stays behind: the copy goes when no worth.yaml could be written for it.
    if (copied) for (const c of made) rmSync(c.to, { force: true });
    removeMadeDir();
    throw e;
  } finally {
    await engine.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const { table: _table, ...shown } = profile;
  phase(3);
  // The trial load's steps go on the bar under the phase's label (not "ingest": nothing is loaded yet).
  const label = cliWord(recognised.language, PHASES[3], { file: path.basename(from) });
  const ws = loadWorkspace(abs);
  const preview = await previewIngest(ws, 5, {
    ...progress,
    start: (_label, total) => progress.start(label, total),
  });
  // The starter cost model is sized on what the trial load took as sales, not on every line of the
  // export (a ledger's VAT, debtors and bank lines, cancelled orders and other excluded lines).
  if (preview.volumes)
    writeFileSync(
      configFile,
      exportYaml({ ...yamlInput, facts: { ...facts, volumes: { ...facts.volumes, ...preview.volumes } } }),
    );
  const readByRules = columnsReadByRules(ws.config);
  return {
    configFile,
    dataFile,
    profile: shown,
    // A column a rule reads (exclude_when, a split's when) is used, though no contract column is mapped to it.
    recognised: { ...recognised, unused: recognised.unused.filter((n) => !readByRules.has(n)) },
    orderLevel: level,
    currency: facts.currency.code,
    currencyGuess: facts.currency,
    checks: {
      netMismatch: facts.netMismatch,
      cancelled: facts.cancelled,
      vat: facts.vat,
      customerSplit: facts.customerSplit,
    },
    ...refundedLinesOf(facts),
    preview,
  };
}

/** The lines of refunded orders, from the status column's values (absent when none says refunded). */
function refundedLinesOf(facts: ExportFacts): { refundedLines?: { column: string; lines: number } } {
  const s = facts.status;
  const lines = s?.values.filter(returnsOrderLines).reduce((a, v) => a + v.lines, 0) ?? 0;
  return s && lines ? { refundedLines: { column: s.column, lines } } : {};
}

/**
 * The `lookup` block of two exports: the orders file's copy, its own format, the shared order
 * column, and the orders file's columns the mapping names (a recognised role, the e-mail, the
 * status, a filled-down column).
 */
function lookupOf(t: TwoExports, r: Recognised, level: OrderLevel, facts: ExportFacts): LookupYaml {
  const named = new Set<string>([
    ...Object.values(r.columns).map((c) => c.name),
    ...(r.email ? [r.email.name] : []),
    ...(facts.status ? [facts.status.column] : []),
    ...(level.status ? [level.status.column] : []),
    ...level.fillDown,
  ]);
  return {
    file: `data/${path.basename(t.ordersFile)}`,
    profile: t.ordersProfile,
    on: t.on,
    columns: t.joined.filter((n) => named.has(n)),
  };
}

/** One export of a pair: a file, not a folder or a pattern (a WorthError in `lang` else). */
function oneFile(from: string, lang: Lang): string {
  const files = exportFiles(from);
  if (files.length !== 1 || isDynamicPattern(from))
    throw new WorthError('input', { file: from }, from, 'one export file', initWord(lang, 'pairOneFile'));
  return files[0]!;
}

/** The recognised columns without the order number (a filler row of grouped rows has one, filled from above). */
function withoutOrderNumber(r: Recognised): Recognised {
  const { order_id: _order, ...columns } = r.columns;
  return { ...r, columns };
}
