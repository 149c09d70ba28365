/** A scenario result for people, in Dutch or English: the verdict, the range, the break-even, the payback, the cost lines. */
import {
  activityName,
  BEHAVIOUR_WORDS,
  BREAK_EVEN_WORDS,
  CHART_WORDS,
  EFFECT_WORDS,
  cliHeader,
  cliWord,
  enumWord,
  fill,
  textNumbers,
  type Lang,
} from '../words/index.ts';
import { COST_NOTE, type ScenarioResult } from './result.ts';

/** Formats one result as lines of text in `lang` (default English); notes the library adds besides the cost note stay English. */
export function formatScenario(r: ScenarioResult, lang: Lang = 'en'): string {
  const n = textNumbers(lang);
  const w = (key: Parameters<typeof cliWord>[1], vars: Record<string, string> = {}) =>
    cliWord(lang, key, vars);
  const money = (s: string) => n.int(Number(s));
  const verdict = w(
    r.probPositive >= 0.8
      ? 'likelyToPay'
      : r.probPositive >= 0.5
        ? 'moreLikely'
        : r.probPositive > 0.2
          ? 'unlikely'
          : 'doesNotPay',
  );
  const out = [
    `${r.initiative}: ${verdict}`,
    `  ${w('scenarioTargets', { targets: r.targets, customers: n.int(r.targetedCustomers), years: String(r.horizonYears), rate: n.pct(r.discountRate) })}`,
    `  ${w('scenarioNpv', { mean: money(r.npv.mean), p5: money(r.npv.p5), p95: money(r.npv.p95), p50: money(r.npv.p50), prob: n.pct(r.probPositive, 0), draws: n.int(r.draws), seed: String(r.seed) })}`,
    `  ${w('scenarioPayback', { when: r.paybackYear === null ? w('paybackNever') : r.paybackYear === 0 ? w('paybackNoRisk') : w('paybackYear', { year: String(r.paybackYear) }) })}`,
  ];
  if (r.breakEven.effect)
    out.push(`  ${w('scenarioBreakEven', { text: breakEvenWords(r.breakEven, lang) })}`);
  out.push(
    `  ${w('cumulativeCash', { years: r.years.map((y) => w('yearShort', { year: String(y.year), cash: money(y.cumulative) })).join(', ') })}`,
  );
  for (const i of r.inputs)
    out.push(
      `  ${w('scenarioInput', { effect: i.effect, distribution: i.distribution, unit: i.unit, basis: i.basis, note: i.note ? ` ${i.note}` : '' })}`,
    );
  if (r.tornado.length)
    out.push(
      `  ${w('movesNpv', { effects: r.tornado.map((t) => w('npvRange', { effect: t.effect, low: money(t.npvLow), high: money(t.npvHigh) })).join('; ') })}`,
    );
  const moved = r.costLines.filter((l) => l.saved !== '0.00' || l.stranded !== '0.00');
  for (const l of moved) {
    const change =
      Number(l.saved) < 0
        ? w('costsMore', { amount: money(String(-Number(l.saved))) })
        : w('costSaved', { amount: money(l.saved) });
    out.push(
      `  ${w('costLine', { name: activityName(l.id, l.name, lang), behaviour: enumWord(BEHAVIOUR_WORDS, l.behaviour, lang), change, stranded: money(l.stranded), cut: l.cut !== '0.00' ? w('costCut', { amount: money(l.cut) }) : '' })}`,
    );
  }
  out.push(`  ${w('strandedTotal', { amount: money(r.stranded) })}`);
  for (const note of r.notes)
    out.push(`  ${w('note', { note: note === COST_NOTE ? CHART_WORDS.costNote[lang] : note })}`);
  return out.join('\n');
}

/**
 * The break-even in words, by its rule: "retention must rise by at least 1.80 points",
 * "contacts may rise by at most 12.00%", "retention may fall by at most 29.30 points".
 */
export function breakEvenWords(b: ScenarioResult['breakEven'], lang: Lang = 'en'): string {
  if (!b.effect) return '';
  const effect = lang === 'en' ? b.effect : enumWord(EFFECT_WORDS, b.effect, lang);
  if (b.value === null || b.rule === null) return cliWord(lang, 'breakEvenNone', { effect });
  const n = textNumbers(lang);
  const unit = b.effect === 'retention' ? (lang === 'nl' ? ' punten' : ' points') : '%';
  const assumed =
    b.assumed === null
      ? ''
      : cliWord(lang, 'breakEvenAssumed', {
          value: `${b.assumed >= 0 ? '+' : ''}${n.fixed(b.assumed, 2)}${unit}`,
        });
  return cliWord(lang, 'breakEvenText', {
    effect,
    rule: fill(BREAK_EVEN_WORDS[b.rule][lang], { v: `${n.fixed(Math.abs(b.value), 2)}${unit}` }),
    assumed,
  });
}

/** Several results side by side, best expected NPV first, in `lang` (default English). */
export function formatComparison(rs: ScenarioResult[], lang: Lang = 'en'): string {
  const n = textNumbers(lang);
  const money = (s: string) => n.int(Number(s));
  const sorted = [...rs].sort((a, b) => Number(b.npv.mean) - Number(a.npv.mean));
  const head = cliHeader(lang, 'comparisonHead');
  const rows = sorted.map((r) => [
    r.initiative,
    n.int(r.targetedCustomers),
    money(r.npv.mean),
    money(r.npv.p5),
    money(r.npv.p95),
    n.pct(r.probPositive, 0),
    r.paybackYear === null ? '-' : cliWord(lang, 'paybackYear', { year: String(r.paybackYear) }),
    r.breakEven.effect && r.breakEven.value !== null
      ? `${r.breakEven.effect} ${r.breakEven.paysAbove ? '>=' : '<='} ${n.fixed(r.breakEven.value, 2)}`
      : '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
