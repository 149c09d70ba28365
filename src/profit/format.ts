/**
 * `worth analyze` for people, in worth.yaml's language: the waterfall, the cost
 * reconciliation, the activities and the story. Money stays exact: the decimal strings are
 * grouped as text, never turned into floats.
 */
import { ACTIVITY_WORDS, BEHAVIOUR_WORDS, QUADRANT_WORDS, enumWord, fill } from '../words/index.ts';
import type { AnalysisResult } from './analyze.ts';

/** The languages the text output speaks. */
export type TextLang = 'nl' | 'en';

const WORDS = {
  customers: { en: '{n|customer|customers}', nl: '{n|klant|klanten}' },
  grossSales: { en: 'gross sales', nl: 'bruto-omzet' },
  discounts: { en: '- discounts', nl: '- kortingen' },
  returns: { en: '- returns', nl: '- retouren' },
  rebates: { en: '- rebates', nl: '- bonussen' },
  netSales: { en: '= net sales', nl: '= netto-omzet' },
  cogs: { en: '- cogs', nl: '- inkoopwaarde' },
  grossMargin: { en: '= gross margin', nl: '= brutomarge' },
  costToServe: { en: '- cost to serve', nl: '- kosten van bediening' },
  contribution: { en: '= contribution', nl: '= winstbijdrage' },
  unused: { en: 'unused capacity (company)', nl: 'onbenutte capaciteit (bedrijf)' },
  activityHead: {
    en: [
      'activity',
      'behaviour',
      'pool',
      'used / capacity',
      'rate/min',
      'customers',
      'unattributed',
      'unused',
    ],
    nl: [
      'activiteit',
      'gedrag',
      'kosten',
      'gebruikt / capaciteit',
      'tarief/min',
      'klanten',
      'zonder klant',
      'onbenut',
    ],
  },
  poolsLine: {
    en: 'cost pools {a} = customers {b} + unattributed {c} + unused {d}; difference {e}',
    nl: 'kostenpools {a} = klanten {b} + zonder klant {c} + onbenut {d}; verschil {e}',
  },
  salesLine: {
    en: 'net sales: customers {a} + unattributed {b} = company {c}; difference {d}',
    nl: 'netto-omzet: klanten {a} + zonder klant {b} = bedrijf {c}; verschil {d}',
  },
  measureContribution: { en: 'contribution', nl: 'winstbijdrage' },
  measureMargin: { en: 'gross margin', nl: 'brutomarge' },
  whale: {
    en: 'whale curve ({m}): peak {peak} of total {m} with {share} of customers; {loss} lose money and destroy {destroyed}',
    nl: 'walviscurve ({m}): piek {peak} van de totale {m} bij {share} van de klanten; {loss} is verliesgevend en vernietigt {destroyed}',
  },
  notPositive: { en: 'n/a (total {m} not positive)', nl: 'n.v.t. (totale {m} niet positief)' },
  lossMakers: {
    en: 'loss-makers: {n}; what drives it: {lines}',
    nl: 'verliesgevend: {n}; waar het vandaan komt: {lines}',
  },
  worse: {
    en: '{line} ({gap} worse than segment medians)',
    nl: '{line} ({gap} slechter dan de segmentmediaan)',
  },
  voice: { en: 'voice of customer: {q}', nl: 'stem van de klant: {q}' },
  overServed: {
    en: 'most over-served segment: {s} ({n|customer|customers}, {share} of the segment satisfied but unprofitable)',
    nl: 'meest overbediende segment: {s} ({n|klant|klanten}, {share} van het segment tevreden maar niet winstgevend)',
  },
  matrix: { en: 'profitability matrix: {q}', nl: 'winstgevendheidsmatrix: {q}' },
  warning: { en: 'warning: {w}', nl: 'waarschuwing: {w}' },
  overrun: {
    en: 'activity {name}: {used} minutes used, practical capacity {capacity} ({share}); the overrun of {over} minutes is charged at the actual rate {actual} per minute (pool / minutes used) instead of {planned}, so unused capacity is 0',
    nl: 'activiteit {name}: {used} minuten gebruikt, praktische capaciteit {capacity} ({share}); de overschrijding van {over} minuten is doorbelast tegen het werkelijke tarief {actual} per minuut (pool / gebruikte minuten) in plaats van {planned}, dus er is geen onbenutte capaciteit',
  },
  estimatedMark: { en: ' (estimated)*', nl: ' (geschat)*' },
  estimateNote: {
    en: "* estimated: {amount} ({share}) of the cost of goods above (customers' lines, net of what returns take back) rests on an assumed margin or product cost ({lines|order line|order lines}, {returns|return|returns} taken back at the rate of the sale returned); the gross margin and contribution of {customers|customer|customers} are marked cogs_estimated",
    nl: '* geschat: {amount} ({share}) van de inkoopwaarde hierboven (regels van klanten, na wat retouren terugnemen) berust op een aangenomen marge of kostprijs ({lines|orderregel|orderregels}, {returns|retour|retouren} teruggenomen tegen het tarief van de teruggenomen verkoop); de brutomarge en winstbijdrage van {customers|klant|klanten} zijn gemarkeerd als cogs_estimated',
  },
  addCostToServe: {
    en: 'no cost model: the customer P&L stops at gross margin. To add cost to serve, add a cost_model section to worth.yaml (`worth init NEWDIR` writes a starter: order handling, picking, delivery, returns, service).',
    nl: 'geen kostenmodel: de klant-W&V stopt bij de brutomarge. Voor de kosten van bediening: voeg een cost_model-sectie toe aan worth.yaml (`worth init NIEUWEMAP` schrijft een begin: orderverwerking, orderpicken, bezorging, retouren, klantenservice).',
  },
} as const;

type Key = keyof typeof WORDS;

/** Formats the result as plain text tables in `lang` (default English). */
export function formatAnalysis(r: AnalysisResult, currency: string, lang: TextLang = 'en'): string {
  const f = formatter(lang);
  const t = r.totals;
  const out: string[] = [
    `${f.w('customers', { n: f.int(r.customers) })}, ${r.period.start} .. ${r.period.end} (${currency})`,
    '',
  ];
  // A result stored before the estimate was tracked has no cogsEstimate.
  const e = r.cogsEstimate;
  const estimated = (e?.orderLines ?? 0) + (e?.returns ?? 0) > 0;
  const toMargin = [
    [f.w('grossSales'), f.money(t.grossSales)],
    [f.w('discounts'), f.money(t.discounts)],
    [f.w('returns'), f.money(t.returns)],
    [f.w('rebates'), f.money(t.rebates)],
    [f.w('netSales'), f.money(t.netSales)],
    [`${f.w('cogs')}${estimated ? f.w('estimatedMark') : ''}`, f.money(t.cogs)],
    [`${f.w('grossMargin')}${estimated ? '*' : ''}`, f.money(t.grossMargin)],
  ];
  const note = estimated
    ? [
        f.w('estimateNote', {
          amount: f.money(e.amount),
          share: f.pct(e.share),
          lines: f.int(e.orderLines),
          returns: f.int(e.returns),
          customers: f.int(e.customers),
        }),
        '',
      ]
    : [];
  const c = r.reconciliation;
  const sales = f.w('salesLine', {
    a: f.money(c.netSales.customers),
    b: f.money(c.netSales.unattributed),
    c: f.money(c.netSales.company),
    d: f.money(c.netSales.difference),
  });
  if (r.costToServe === false) {
    // No cost model: the waterfall stops at gross margin and the analyses rank on it.
    out.push(pad(toMargin), '', ...note, sales, '');
    storyLines(r, out, f, f.w('measureMargin'), []);
    out.push('', f.w('addCostToServe'));
    return out.join('\n');
  }
  out.push(
    pad([
      ...toMargin,
      [f.w('costToServe'), f.money(t.costToServe)],
      [f.w('contribution'), f.money(t.contribution)],
      [f.w('unused'), f.money(t.unusedCapacity)],
    ]),
    '',
    ...note,
    pad([
      [...WORDS.activityHead[lang]],
      ...r.activities.map((a) => [
        f.activity(a.id, a.name),
        enumWord(BEHAVIOUR_WORDS, a.behaviour, lang),
        f.money(a.pool),
        a.utilisation === null ? '' : f.pct(a.utilisation),
        a.ratePerMinute === null ? '' : f.decimal(a.ratePerMinute, 4),
        f.money(a.assigned),
        f.money(a.unattributed),
        f.money(a.unused),
      ]),
    ]),
    '',
    f.w('poolsLine', {
      a: f.money(c.costPools),
      b: f.money(c.assignedToCustomers),
      c: f.money(c.unattributed),
      d: f.money(c.unusedCapacity),
      e: f.money(c.difference),
    }),
    sales,
    '',
  );
  storyLines(r, out, f, f.w('measureContribution'), r.activities);
  return out.join('\n');
}

function storyLines(
  r: AnalysisResult,
  out: string[],
  f: Formatter,
  m: string,
  activities: readonly { id: string; name: string }[],
): void {
  const w = r.whale;
  out.push(
    f.w('whale', {
      m,
      peak: w.peak === null ? f.w('notPositive', { m }) : f.pct(w.peak),
      share: f.pct(w.peakCustomerShare),
      loss: f.pct(w.lossMakingShare),
      destroyed: f.money(w.valueDestroyed),
    }),
  );
  const top = r.lossMakers.topLines
    .map((l) => f.w('worse', { line: f.line(l.line, activities), gap: f.money(l.gap) }))
    .join(', ');
  if (top) out.push(f.w('lossMakers', { n: f.int(r.lossMakers.customers), lines: top }));
  const os = r.voiceOfCustomer.mostOverServedSegment;
  out.push(
    f.w('voice', {
      q: Object.entries(r.voiceOfCustomer.quadrants)
        .map(([k, v]) => `${f.name(k)} ${f.int(v)}`)
        .join(', '),
    }),
  );
  if (os) out.push(f.w('overServed', { s: os.segment, n: f.int(os.customers), share: f.pct(os.share) }));
  out.push(
    f.w('matrix', {
      q: Object.entries(r.matrix.quadrants)
        .map(([k, v]) => `${f.name(k)} ${f.int(v)}`)
        .join(', '),
    }),
  );
  // A capacity overrun in the reader's language, from the activity's figures; the stored
  // English sentence of the same overrun (costing's, kept in --json) is not printed twice.
  const overruns = r.activities.filter((a) => a.overrunMinutes > 0 && a.capacityMinutes && a.usedMinutes);
  for (const a of overruns) {
    const actual = a.ratePerMinute ?? 0;
    out.push(
      f.w('warning', {
        w: f.w('overrun', {
          name: f.activity(a.id, a.name),
          used: f.decimal(a.usedMinutes!, 1).replace(/[,.]0$/, ''),
          capacity: f.decimal(a.capacityMinutes!, 1).replace(/[,.]0$/, ''),
          share: f.pct(a.usedMinutes! / a.capacityMinutes!),
          over: f.decimal(a.overrunMinutes, 1).replace(/[,.]0$/, ''),
          actual: f.decimal(actual, 4),
          planned: f.decimal((actual * a.usedMinutes!) / a.capacityMinutes!, 4),
        }),
      }),
    );
  }
  const told = overruns.map((a) => `activity ${a.id}: `);
  for (const warning of r.warnings)
    if (!told.some((t) => warning.startsWith(t))) out.push(f.w('warning', { w: warning }));
}

interface Formatter {
  w(key: Key, vars?: Record<string, string>): string;
  money(s: string): string;
  pct(x: number | null): string;
  int(n: number): string;
  decimal(x: number, digits: number): string;
  name(key: string): string;
  /** An activity's name: the Dutch name of a standard activity, else as configured. */
  activity(id: string, name: string): string;
  /** A stored P&L line (`gross_margin`, `cost_<activity>`) in words. */
  line(line: string, activities: readonly { id: string; name: string }[]): string;
}

function formatter(lang: TextLang): Formatter {
  // Dutch: 1.234.567,89 and 12,5%; English: 1,234,567.89 and 12.5%.
  const [group, point] = lang === 'nl' ? ['.', ','] : [',', '.'];
  const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const activity = (id: string, name: string) =>
    lang === 'nl' && Object.hasOwn(ACTIVITY_WORDS, id) ? ACTIVITY_WORDS[id]!.nl : name;
  return {
    w: (key, vars = {}) => {
      const text = WORDS[key][lang];
      return typeof text === 'string' ? fill(text, vars) : text.join(' ');
    },
    money: (s) => {
      const [int, frac] = s.replace('-', '').split('.');
      return `${s.startsWith('-') ? '-' : ''}${grouped(int!)}${point}${frac ?? '00'}`;
    },
    pct: (x) =>
      x === null ? (lang === 'nl' ? 'n.v.t.' : 'n/a') : `${(x * 100).toFixed(1).replace('.', point)}%`,
    int: (n) => grouped(String(n)),
    decimal: (x, digits) => x.toFixed(digits).replace('.', point),
    name: (key) => enumWord(QUADRANT_WORDS, key, lang),
    activity,
    line: (line, activities) => {
      const a = activities.find((x) => `cost_${x.id}` === line);
      if (a) return activity(a.id, a.name);
      if (line === 'gross_margin') return WORDS.measureMargin[lang];
      const id = line.replace(/^cost_/, '');
      return Object.hasOwn(ACTIVITY_WORDS, id) ? ACTIVITY_WORDS[id]![lang] : line;
    },
  };
}

function pad(rows: string[][]): string {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  '))
    .join('\n');
}
