/**
 * The board report: headline findings in words and numbers, the whale curve, the waterfall,
 * segments, deciles, the over-served and at-risk customers, lifetime value on profit and the
 * workspace's initiatives priced, and the data they rest on (read, loaded, rejected, left out). One self-contained HTML file:
 * charts are inline SVG rendered on the server from the dashboard's chart definitions.
 */
import {
  formatCount,
  formatDate,
  formatMoney,
  formatShare,
  pnlLineName,
  vocOption,
  waterfallOption,
  waterfallSteps,
  whaleOption,
  type Lang,
} from '../charts/index.ts';
import { toScaled, WorthError } from '../core/index.ts';
import type { AnalysisResult } from '../profit/index.ts';
import {
  filteredCustomersOf,
  filteredDecilesOf,
  filteredOverviewOf,
  filteredRollupOf,
  filteredTrendOf,
  filtersText,
  isFiltered,
  type CustomerRow,
  type Filters,
  type WorkspaceReader,
} from '../readmodel/index.ts';
import type { Row } from '../warehouse/index.ts';
import { esc, page, table } from './html.ts';
import { inlineSvg } from './svg.ts';
import { qualityFinding, qualitySection, readQuality } from './qualitySection.ts';
import { periodTable, trendSection } from './trendSection.ts';
import { clvSection, scenarioSection } from './valueSections.ts';
import { shownValue, word } from './words.ts';

/** Options for {@link buildReport}. */
export interface ReportOptions {
  lang: Lang;
  /** ISO currency code: worth.yaml's `currency` (no default, so a report never shows another currency than the workspace's). */
  currency: string;
  /** Date the report is made (ISO yyyy-mm-dd); passed in so tests can pin it. */
  date: string;
  /** Name of the workspace shown under the title. */
  workspace: string;
  /** The company (worth.yaml `company`), shown in the title. */
  company?: string;
  /** Monte Carlo draws per initiative in the scenario section (default 10,000, as `worth scenario run`). */
  scenarioDraws?: number;
  /** Seed of the draws (default 1). */
  scenarioSeed?: number;
  /** The dashboard's global filters (`worth report --filter`): said on the cover, shown in a section of their own. */
  filters?: Filters;
}

const NUM4 = new Set([1, 2, 3, 4, 5]);

/**
 * The net sales without a customer beside the customers' (so the total reconciles to the data
 * the user loaded), or '' when every sale has a customer.
 */
function unattributedSales(
  s: AnalysisResult,
  cents: (v: string) => string,
  w: (k: 'unattributedSales', vars: Record<string, string>) => string,
): string {
  const n = s.reconciliation.netSales;
  if (toScaled(n.unattributed) === 0n) return '';
  // In cents: rounded to whole units the three figures need not add up.
  return w('unattributedSales', {
    customers: cents(n.customers),
    unattributed: cents(n.unattributed),
    company: cents(n.company),
  });
}

/** Builds the report's HTML from an analysed workspace. */
export async function buildReport(reader: WorkspaceReader, o: ReportOptions): Promise<string> {
  const { lang } = o;
  const { currency } = o;
  const s = await reader.summary();
  const m = (v: string) => esc(formatMoney(v, lang, currency, 0));
  const pct = (x: number) => esc(formatShare(x, lang, 0));
  const w = (k: Parameters<typeof word>[1], vars: Record<string, string> = {}) => word(lang, k, vars);
  const lineName = (line: string) => esc(pnlLineName(line, s.activities, lang));

  // A summary stored before the estimate was tracked has no cogsEstimate: then nothing is said.
  const e = s.cogsEstimate;
  const estimate =
    e && e.orderLines + e.returns > 0
      ? `<em>${w('cogsEstimated', { share: esc(formatShare(e.share, lang, 1)), amount: m(e.amount), customers: esc(formatCount(e.customers, lang)) })}</em>`
      : '';
  const quality = await readQuality(reader);
  const findings = [
    w('f1', {
      customers: esc(formatCount(s.customers, lang)),
      netSales: m(s.totals.netSales),
      contribution: m(s.totals.contribution),
    }),
    unattributedSales(s, (v) => esc(formatMoney(v, lang, currency, 2)), w),
    estimate,
    qualityFinding(quality, lang) ?? '',
    // With no loss-makers "the rest give part of it back" would be false: one sentence says so instead.
    s.whale.lossMakingShare === 0
      ? w('f2None', {
          customers: esc(formatCount(s.customers, lang)),
          peakContribution: m(s.whale.peakContribution),
        })
      : s.whale.peak === null
        ? ''
        : w('f2', {
            peakShare: pct(s.whale.peakCustomerShare),
            peak: pct(s.whale.peak),
            peakContribution: m(s.whale.peakContribution),
          }),
    s.whale.lossMakingShare === 0
      ? ''
      : w('f3', {
          lossShare: pct(s.whale.lossMakingShare),
          lossMakers: esc(formatCount(s.lossMakers.customers, lang)),
          valueDestroyed: m(s.whale.valueDestroyed),
        }),
    s.costToServe === false ? w('noCostModel') : w('f4', { unused: m(s.totals.unusedCapacity) }),
    s.voiceOfCustomer.mostOverServedSegment
      ? w('f5', {
          segment: esc(shownValue(lang, s.voiceOfCustomer.mostOverServedSegment.segment)),
          share: pct(s.voiceOfCustomer.mostOverServedSegment.share),
        })
      : '',
    s.lossMakers.topLines.length
      ? w('f6', { lines: s.lossMakers.topLines.map((l) => `${lineName(l.line)} (${m(l.gap)})`).join(', ') })
      : '',
  ].filter(Boolean);

  const whaleSvg = inlineSvg(whaleOption(await reader.whale(200), lang), 880, 420);
  const costs = s.activities.map((a) => ({ id: a.id, name: a.name, amount: a.assigned }));
  const money = (v: unknown) => {
    const x = String(v ?? '0');
    return `<span${Number(x) < 0 ? ' class="bad"' : ''}>${m(x)}</span>`;
  };
  const steps = waterfallSteps({ ...s.totals, costs }, lang);
  const waterfallSvg = inlineSvg(waterfallOption(steps, lang, currency, 'table'), 880, 500);
  // The labels are rounded (so that they add up); a printed report has no tooltip, so the exact amounts stand beside them.
  const waterfallTable = table(
    [w('pnlLine'), w('exactAmount')],
    steps.map((st) => [
      st.kind === 'total' ? `<strong>${esc(st.label)}</strong>` : esc(st.label),
      money(st.amount),
    ]),
    new Set([1]),
  );
  const vocRows = await unlessNotStored(() => reader.voiceOfCustomer());
  const vocGroups = vocRows.map((r) => ({
    quadrant: String(r.quadrant),
    segment: r.segment == null ? null : String(r.segment),
    customers: Number(r.customers),
    contribution: String(r.contribution ?? '0'),
    meanSatisfaction: r.mean_satisfaction == null ? null : Number(r.mean_satisfaction),
  }));
  const vocSvg = vocGroups.some((g) => g.meanSatisfaction !== null)
    ? inlineSvg(vocOption(vocGroups, lang, currency), 880, 420)
    : '';
  const rollupRows = (rows: Row[], first: (r: Row) => string) =>
    rows.map((r) => [
      first(r),
      esc(formatCount(Number(r.customers), lang)),
      esc(formatCount(Number(r.loss_making_customers), lang)),
      money(r.net_sales),
      money(r.cost_to_serve),
      money(r.contribution),
    ]);
  const head = (firstKey: 'segment' | 'decile') => [
    w(firstKey),
    w('customers'),
    w('lossMakers'),
    w('netSales'),
    w('costToServe'),
    w('contribution'),
  ];
  const attributes = await unlessNotStored(() => reader.attributes());
  const segments = attributes.includes('segment')
    ? table(
        head('segment'),
        rollupRows(await reader.rollup('segment'), (r) =>
          esc(shownValue(lang, r.value == null ? null : String(r.value))),
        ),
        NUM4,
      )
    : `<p>${w('none')}</p>`;
  const deciles = table(
    head('decile'),
    rollupRows(await reader.deciles(), (r) => esc(String(r.decile))),
    NUM4,
  );
  const customerTable = (rows: CustomerRow[]) =>
    rows.length
      ? table(
          [w('customer'), w('name'), w('segment'), w('netSales'), w('costToServe'), w('contribution')],
          rows.map((r) => [
            esc(r.customerId),
            esc(r.name ?? ''),
            esc(shownValue(lang, r.segment)),
            money(r.netSales),
            money(r.costToServe),
            money(r.contribution),
          ]),
          new Set([3, 4, 5]),
        )
      : `<p>${w('none')}</p>`;
  const filtered = o.filters && isFiltered(o.filters) ? o.filters : null;
  // The over-served and at-risk lists are the dashboard's customer list: under filters, its filtered page.
  const list = (vocQuadrant: 'over-served' | 'at risk', dir: 'asc' | 'desc') => {
    const q = { page: 1, pageSize: 10, sort: 'contribution', dir, vocQuadrant } as const;
    return filtered ? filteredCustomersOf(reader, filtered, q) : reader.customers(q);
  };
  // Under filters every section says whether it is filtered; those that are not say so, and where their filtered form is.
  const note = (key: 'filterWholeShown' | 'filterWholeOnly' | 'filterApplied') =>
    filtered
      ? `<p class="notice" data-filter-note="${key}">${w(key, { filter: filterWords(filtered, lang), section: w('filterSection') })}</p>`
      : '';
  const noted = (html: string, key: 'filterWholeShown' | 'filterWholeOnly' | 'filterApplied') =>
    filtered && html ? html.replace('</h2>', `</h2>${note(key)}`) : html;

  const out = s.dataPeriod?.outside;
  const outsideNote = out
    ? `<p class="notice" data-outside-lines="${out.lines}">${w('outsidePeriod', {
        lines: esc(formatCount(out.lines, lang)),
        money: m(out.netSales),
        first: esc(formatDate(out.first, lang)),
        last: esc(formatDate(out.last, lang)),
      })}</p>`
    : '';
  const filterCover = filtered
    ? `<p class="notice" data-filter="${esc(filtersText(filtered))}">${w('filterCover', { filter: filterWords(filtered, lang), section: w('filterSection') })}</p>`
    : '';
  const filterSection = filtered
    ? await filteredSection(reader, filtered, attributes.includes('segment'), {
        lang,
        money,
        head,
        rollupRows,
      })
    : '';
  const title = o.company ? `${esc(o.company)}: ${w('title')}` : w('title');
  const body = [
    `<h1>${title}</h1>`,
    `<p class="muted">${w('generated', { date: esc(formatDate(o.date, lang)), workspace: esc(o.workspace) })} · ${w('period', { start: esc(formatDate(s.period.start, lang)), end: esc(formatDate(s.period.end, lang)) })}</p>`,
    outsideNote,
    filterCover,
    `<section><h2>${w('findings')}</h2>${note('filterWholeShown')}<ul class="findings">${findings.map((f) => `<li>${f}</li>`).join('')}</ul></section>`,
    filterSection,
    `<section><h2>${w('whale')}</h2>${note('filterWholeShown')}<div class="chart">${whaleSvg}</div></section>`,
    `<section><h2>${w('waterfall')}</h2>${note('filterWholeShown')}<div class="chart">${waterfallSvg}</div>${waterfallTable}${estimate ? `<p class="muted">${estimate}</p>` : ''}</section>`,
    noted(await trendSection(reader, { lang, currency }), 'filterWholeShown'),
    `<section><h2>${w('segments')}</h2>${note('filterWholeShown')}${segments}</section>`,
    `<section><h2>${w('deciles')}</h2>${note('filterWholeShown')}${deciles}</section>`,
    vocSvg
      ? `<section><h2>${w('voice')}</h2>${note('filterWholeOnly')}<div class="chart">${vocSvg}</div></section>`
      : '',
    `<section><h2>${w('overServed')}</h2>${note('filterApplied')}${customerTable((await list('over-served', 'asc')).rows)}</section>`,
    `<section><h2>${w('atRisk')}</h2>${note('filterApplied')}${customerTable((await list('at risk', 'desc')).rows)}</section>`,
    noted(await clvSection(reader, { lang, currency }), 'filterWholeOnly'),
    noted(
      await scenarioSection(reader, {
        lang,
        currency,
        draws: o.scenarioDraws ?? 10_000,
        seed: o.scenarioSeed ?? 1,
      }),
      'filterWholeOnly',
    ),
    noted(qualitySection(quality, { lang, currency }), 'filterWholeOnly'),
  ].join('\n');
  return page(lang, o.company ? `${o.company}: ${word(lang, 'title')}` : word(lang, 'title'), body);
}

/**
 * A read of a table the run did not store (the read model's `workspace` WorthError) leaves its
 * part out of the report; any other error is not swallowed.
 */
async function unlessNotStored<T>(read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof WorthError && e.code === 'workspace') return [];
    throw e;
  }
}

/** The filters in words (escaped HTML): months, then segment, channel, region. */
function filterWords(f: Filters, lang: Lang): string {
  const parts: string[] = [];
  if (f.from !== undefined && f.to !== undefined)
    parts.push(word(lang, 'filterPeriod', { from: esc(f.from), to: esc(f.to) }));
  else if (f.from !== undefined) parts.push(word(lang, 'filterFrom', { from: esc(f.from) }));
  else if (f.to !== undefined) parts.push(word(lang, 'filterTo', { to: esc(f.to) }));
  if (f.segment !== undefined)
    parts.push(word(lang, 'filterSegment', { value: esc(shownValue(lang, f.segment)) }));
  if (f.channel !== undefined) parts.push(word(lang, 'filterChannel', { value: esc(f.channel) }));
  if (f.region !== undefined) parts.push(word(lang, 'filterRegion', { value: esc(f.region) }));
  return parts.join(', ');
}

/**
 * The section of the filtered figures: the customers the filters select, their P&L over the
 * filtered months, the whale curve, the segments and the deciles, from the read model's filtered
 * reads (the dashboard's figures under the same filters, to the cent).
 */
async function filteredSection(
  reader: WorkspaceReader,
  f: Filters,
  hasSegments: boolean,
  o: {
    lang: Lang;
    money: (v: unknown) => string;
    head: (firstKey: 'segment' | 'decile') => string[];
    rollupRows: (rows: Row[], first: (r: Row) => string) => string[][];
  },
): Promise<string> {
  const { lang, money } = o;
  const w = (k: Parameters<typeof word>[1], vars: Record<string, string> = {}) => word(lang, k, vars);
  const { totals, whale } = await filteredOverviewOf(reader, f, 200);
  const lines = ['net_sales', 'gross_margin', 'cost_to_serve', 'contribution'] as const;
  const labels = {
    net_sales: 'netSales',
    gross_margin: 'grossMargin',
    cost_to_serve: 'costToServe',
    contribution: 'contribution',
  } as const;
  const totalsTable = table(
    [w('pnlLine'), w('exactAmount')],
    lines.map((l) => [esc(w(labels[l])), money(totals.totals[l])]),
    new Set([1]),
  );
  const count = `<p>${w('filterTotals', {
    customers: esc(formatCount(totals.customers, lang)),
    lossMakers: esc(formatCount(totals.lossMakers.customers, lang)),
    destroyed: money(totals.whale.valueDestroyed),
  })}</p>`;
  const whaleSvg = totals.customers ? inlineSvg(whaleOption(whale, lang), 880, 420) : '';
  const segments = hasSegments
    ? `<h3>${w('segments')}</h3>${table(
        o.head('segment'),
        o.rollupRows(await filteredRollupOf(reader, f, 'segment'), (r) =>
          esc(shownValue(lang, r.value == null ? null : String(r.value))),
        ),
        NUM4,
      )}`
    : '';
  // The filtered deciles have no loss-makers' count: their own columns.
  const deciles = table(
    [w('decile'), w('customers'), w('netSales'), w('costToServe'), w('contribution')],
    (await filteredDecilesOf(reader, f)).map((r) => [
      esc(String(r.decile)),
      esc(formatCount(Number(r.customers), lang)),
      money(r.net_sales),
      money(r.cost_to_serve),
      money(r.contribution),
    ]),
    new Set([1, 2, 3, 4]),
  );
  // The trend under the filters, by quarter (sums of months in cents, as the dashboard's Trends page).
  const trend = await filteredTrendOf(reader, f, 'quarter').catch((e: unknown) => {
    if (e instanceof WorthError && e.code === 'workspace') return null; // a run without months
    throw e;
  });
  const trendTable = trend ? `<h3>${w('filterTrend')}</h3>${periodTable(trend.trend, lang, money)}` : '';
  return `<section data-filtered><h2>${w('filterSection')}: ${filterWords(f, lang)}</h2>${count}${totalsTable}${whaleSvg ? `<div class="chart">${whaleSvg}</div>` : ''}${segments}<h3>${w('deciles')}</h3>${deciles}${trendTable}</section>`;
}
