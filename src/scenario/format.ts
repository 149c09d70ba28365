/** A scenario result for people: the verdict, the range, the break-even, the payback, the cost lines. */
import type { BreakEvenRule } from './breakEven.ts';
import type { ScenarioResult } from './result.ts';

function money(s: string): string {
  const n = Number(s);
  return `${n < 0 ? '-' : ''}${Math.abs(n).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}

/** Formats one result as lines of text. */
export function formatScenario(r: ScenarioResult): string {
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  const verdict = r.probPositive >= 0.8 ? 'LIKELY TO PAY' : r.probPositive >= 0.5 ? 'MORE LIKELY TO PAY THAN NOT' : r.probPositive > 0.2 ? 'UNLIKELY TO PAY' : 'DOES NOT PAY';
  const out = [
    `${r.initiative}: ${verdict}`,
    `  targets ${r.targets} (${r.targetedCustomers.toLocaleString('en-US')} customers), ${r.horizonYears} years at ${(r.discountRate * 100).toFixed(1)}% cost of capital`,
    `  NPV: expected ${money(r.npv.mean)}; 90% range ${money(r.npv.p5)} to ${money(r.npv.p95)} (median ${money(r.npv.p50)}); P(NPV > 0) ${pct(r.probPositive)} over ${r.draws.toLocaleString('en-US')} draws, seed ${r.seed}`,
    `  payback: ${r.paybackYear === null ? 'not within the horizon' : r.paybackYear === 0 ? 'no money at risk' : `year ${r.paybackYear}`}`,
  ];
  if (r.breakEven.effect) out.push(`  break-even: ${breakEvenWords(r.breakEven)}`);
  out.push('  cumulative cash by year: ' + r.years.map((y) => `Y${y.year} ${money(y.cumulative)}`).join(', '));
  for (const i of r.inputs) out.push(`  input ${i.effect}: ${i.distribution} ${i.unit} [${i.basis}]${i.note ? ` ${i.note}` : ''}`);
  if (r.tornado.length) out.push('  what moves NPV most: ' + r.tornado.map((t) => `${t.effect} (${money(t.npvLow)} to ${money(t.npvHigh)})`).join('; '));
  const moved = r.costLines.filter((l) => l.saved !== '0.00' || l.stranded !== '0.00');
  for (const l of moved) {
    const change = Number(l.saved) < 0 ? `costs ${money(String(-Number(l.saved)))} more` : `saved ${money(l.saved)}`;
    out.push(`  cost ${l.name} (${l.behaviour}): ${change}, stranded ${money(l.stranded)}${l.cut !== '0.00' ? `, cut ${money(l.cut)}` : ''}`);
  }
  out.push(`  stranded cost over the horizon: ${money(r.stranded)}`);
  for (const n of r.notes) out.push(`  note: ${n}`);
  return out.join('\n');
}

const RULE_WORDS: Record<BreakEvenRule, string> = {
  mustRise: 'must rise by at least',
  mayFall: 'may fall by at most',
  mayRise: 'may rise by at most',
  mustFall: 'must fall by at least',
};

/**
 * The break-even in words, by its rule: "retention must rise by at least 1.80 points",
 * "contacts may rise by at most 12.00%", "retention may fall by at most 29.30 points".
 */
export function breakEvenWords(b: ScenarioResult['breakEven']): string {
  if (!b.effect) return '';
  if (b.value === null || b.rule === null) return `no value of ${b.effect} within range makes the expected NPV zero (it keeps one sign)`;
  const unit = b.effect === 'retention' ? ' points' : '%';
  const assumed = b.assumed === null ? '' : ` (assumed: ${b.assumed >= 0 ? '+' : ''}${b.assumed.toFixed(2)}${unit})`;
  return `${b.effect} ${RULE_WORDS[b.rule]} ${Math.abs(b.value).toFixed(2)}${unit} for the expected NPV to be positive${assumed}`;
}

/** Several results side by side, best expected NPV first. */
export function formatComparison(rs: ScenarioResult[]): string {
  const sorted = [...rs].sort((a, b) => Number(b.npv.mean) - Number(a.npv.mean));
  const head = ['initiative', 'customers', 'NPV mean', 'P5', 'P95', 'P(NPV>0)', 'payback', 'break-even'];
  const rows = sorted.map((r) => [
    r.initiative,
    r.targetedCustomers.toLocaleString('en-US'),
    money(r.npv.mean),
    money(r.npv.p5),
    money(r.npv.p95),
    `${(r.probPositive * 100).toFixed(0)}%`,
    r.paybackYear === null ? '-' : `year ${r.paybackYear}`,
    r.breakEven.effect && r.breakEven.value !== null ? `${r.breakEven.effect} ${r.breakEven.paysAbove ? '>=' : '<='} ${r.breakEven.value.toFixed(2)}` : '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
