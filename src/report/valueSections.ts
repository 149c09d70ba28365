/**
 * The report's lifetime value and scenario sections: headline CLV figures and the fit in
 * words with the distribution and fit charts; every initiative of the workspace priced with
 * the scenario library, in words and a table, and the J-curve of the best one.
 */
import {
  breakEvenPhrase,
  chartWord,
  clvDecileOption,
  formatCount,
  formatMoney,
  formatNumber,
  formatShare,
  frequencyFitOption,
  jCurveOption,
  modelName,
  paybackPhrase,
  type Lang,
} from '../charts/index.ts';
import { atParamEdge, HOLDOUT_TIE, isUserError, WorthError } from '../core/index.ts';
import {
  lifetimeValueOf,
  ScenarioService,
  type FittedModel,
  type LifetimeValue,
  type ScenarioRun,
  type WorkspaceReader,
} from '../readmodel/index.ts';
import { esc, table } from './html.ts';
import { inlineSvg } from './svg.ts';
import {
  clvUndeterminedText,
  covariateComparisonText,
  modelChoiceText,
  significant,
  storedClvWarningText,
} from '../words/index.ts';
import { word, type ReportWord } from './words.ts';

/** A model parameter with significant digits (the words' rule, shared with the CLI and the dashboard). */
export { significant } from '../words/index.ts';

interface Ctx {
  lang: Lang;
  currency: string;
}

function words(lang: Lang) {
  return (k: ReportWord, vars: Record<string, string> = {}) => word(lang, k, vars);
}

/** The lifetime value section (or how to get it when `worth clv` has not run). */
export async function clvSection(reader: WorkspaceReader, { lang, currency }: Ctx): Promise<string> {
  const w = words(lang);
  const v = await lifetimeValueOf(reader);
  if (!v.available) return `<section><h2>${w('clv')}</h2><p>${w('clvNone')}</p></section>`;
  const m = (x: string) => esc(formatMoney(x, lang, currency, 0));
  const pct = (x: number | null) => (x === null ? '–' : esc(formatShare(x, lang, 0)));
  const pm = v.purchaseModel;
  // an undetermined fit gives no CLV figure to act on: the reasons and the history instead;
  // with no determined customer at all there is no total (null), only who is left out and why
  const partly =
    v.undetermined.customers === 0
      ? ''
      : `<span class="bad">${w('clvPartlyUndetermined', {
          customers: esc(formatCount(v.undetermined.customers, lang)),
          why: esc(v.undetermined.reasons.map((r) => clvUndeterminedText(lang, r)).join('; ')),
        })}</span>`;
  const figures = !v.determined
    ? [
        `<strong class="bad">${w('clvUndetermined', {
          customers: esc(formatCount(v.customers, lang)),
          contribution: m(v.historicContribution),
        })}</strong>`,
      ]
    : v.totalProfitClv === null ||
        v.meanProfitClv === null ||
        v.lossMakingCustomers === null ||
        v.lossMakingClv === null
      ? [partly]
      : [
          w('clv1', {
            years: esc(formatCount(v.horizonYears ?? 5, lang)),
            customers: esc(formatCount(v.customers - v.undetermined.customers, lang)),
            total: `<strong>${m(v.totalProfitClv)}</strong>`,
            rate: v.discountRate === null ? '–' : esc(formatShare(v.discountRate, lang, 1)),
            mean: esc(formatMoney(v.meanProfitClv, lang, currency, 0)),
          }),
          v.totalProfitInterval === null
            ? ''
            : w('clvTotalInterval', { lo: m(v.totalProfitInterval.lo), hi: m(v.totalProfitInterval.hi) }),
          v.top10Share === null ? '' : w('clv2', { top10: pct(v.top10Share), top20: pct(v.top20Share) }),
          w('clv3', {
            lossMakers: esc(formatCount(v.lossMakingCustomers, lang)),
            lossClv: `<span class="bad">${m(v.lossMakingClv)}</span>`,
          }),
          // customers on an undetermined group fit: named with the reason, in no figure above
          partly,
        ];
  const paras = [
    ...figures,
    w('clvFit', {
      purchase: esc(modelName(pm.model)),
      params: esc(
        pm.params
          .map((p) => {
            // an estimate that ran to the edge is flagged, not just printed
            const value = atParamEdge(p.value)
              ? word(lang, 'clvParamAtEdge', { value: significant(p.value, lang) })
              : significant(p.value, lang);
            return p.standardError === null
              ? word(lang, 'clvParamNoSe', { name: p.name, value })
              : word(lang, 'clvParam', { name: p.name, value, se: significant(p.standardError, lang) });
          })
          .join(', '),
      ),
      ll: esc(formatNumber(pm.logLikelihood, lang, 1)),
      spend: esc(v.spendModel ? modelName(v.spendModel.model) : '–'),
    }),
    v.choice
      ? w('clvChoice', {
          model: esc(modelName(v.choice.model)),
          reason: esc(modelChoiceText(lang, v.choice, modelName, HOLDOUT_TIE) ?? v.choice.reason),
        })
      : '',
    ...holdoutWords(v, lang),
    ...(v.choice?.covariates ?? []).map((c) => esc(covariateComparisonText(lang, c, modelName))),
    pm.converged ? '' : `<strong class="bad">${w('clvNotConverged')}</strong>`,
    ...[pm, v.spendModel].flatMap((f) =>
      f && (f.degenerate || f.warnings.length) ? [fitDoubts(f, lang)] : [],
    ),
  ];
  const last = v.tracking.at(-1);
  if (last && last.actual > 0) {
    const gap = (last.expected - last.actual) / last.actual;
    paras.push(
      w('clvCheck', {
        expected: esc(formatCount(Math.round(last.expected), lang)),
        actual: esc(formatCount(last.actual, lang)),
        gap: esc(`${gap > 0 ? '+' : ''}${formatShare(gap, lang, 0)}`),
      }),
    );
  }
  const deciles = inlineSvg(clvDecileOption(v.deciles, lang, currency), 880, 340);
  const fit = v.frequency.length
    ? `<h3>${w('clvFitChart')}</h3><div class="chart">${inlineSvg(frequencyFitOption(v.frequency, lang), 880, 320)}</div>`
    : '';
  // per segment: each total and mean with its own 90% interval (not the sum of the customers' bounds)
  const spanOf = (iv: { lo: string; hi: string } | null, f: (x: string) => string) =>
    iv ? w('clvSegmentRange', { lo: f(iv.lo), hi: f(iv.hi) }) : '–';
  const count = (x: number) => esc(formatNumber(x, lang, x >= 100 ? 0 : 1));
  const segments =
    v.determined && v.segmentBy !== null && v.segments.length
      ? `<h3>${w('clvSegments', { column: esc(v.segmentBy) })}</h3>` +
        table(
          [
            esc(v.segmentBy),
            w('clvSegmentCustomers'),
            w('clvSegmentTotal'),
            '90%',
            w('clvSegmentMean'),
            '90%',
            w('clvSegmentPurchases'),
            '90%',
          ],
          v.segments.map((s) => [
            esc(s.segment ?? word(lang, 'clvNoGroupValue')),
            esc(formatCount(s.valued, lang)),
            s.totalProfitClv === null ? '–' : m(s.totalProfitClv),
            spanOf(s.totalProfitInterval, m),
            s.meanProfitClv === null ? '–' : m(s.meanProfitClv),
            spanOf(s.meanProfitInterval, m),
            s.expectedPurchases === null ? '–' : count(s.expectedPurchases),
            s.expectedPurchasesInterval
              ? w('clvSegmentRange', {
                  lo: count(s.expectedPurchasesInterval.lo),
                  hi: count(s.expectedPurchasesInterval.hi),
                })
              : '–',
          ]),
          new Set([1, 2, 3, 4, 5, 6, 7]),
        ) +
        `<p class="muted">${w('clvSegmentsNote')}</p>`
      : '';
  return [
    `<section><h2>${w('clv')}</h2>${paras
      .filter(Boolean)
      .map((p) => `<p>${p}</p>`)
      .join('')}${segments}`,
    `${v.determined && v.totalProfitClv !== null ? `<h3>${w('clvDeciles')}</h3><div class="chart">${deciles}</div>` : ''}${fit}</section>`,
  ].join('\n');
}

/** Settings of the scenario section: Monte Carlo draws (default 10,000, as `worth scenario run`) and seed (default 1). */
export interface ScenarioSectionOptions extends Ctx {
  draws: number;
  seed: number;
}

/** Every initiative in DIR/scenarios/ priced; '' when the workspace has none (or the reader has no folder). */
export async function scenarioSection(reader: WorkspaceReader, o: ScenarioSectionOptions): Promise<string> {
  const { lang, currency } = o;
  const w = words(lang);
  if (!reader.workspaceDir) return '';
  const service = new ScenarioService(reader, reader.workspaceDir);
  const list = service.list();
  if (list.length === 0) return '';
  const head = `<section><h2>${w('scenarios')}</h2>`;
  const m = (x: string) => esc(formatMoney(x, lang, currency, 0));
  const runs: { name: string; run: ScenarioRun | null; error: string | null }[] = [];
  for (const ini of list) {
    if (ini.error) {
      runs.push({ name: ini.name[lang], run: null, error: ini.error });
      continue;
    }
    try {
      runs.push({
        name: ini.name[lang],
        run: await service.run(ini.id, { draws: o.draws, seed: o.seed, effects: {}, lang }),
        error: null,
      });
    } catch (e) {
      if (e instanceof WorthError && e.code === 'workspace')
        return `${head}<p>${w('scenariosNeedClv')}</p></section>`;
      if (!isUserError(e)) throw e;
      runs.push({ name: ini.name[lang], run: null, error: (e as Error).message });
    }
  }
  const payback = (y: number | null) => paybackPhrase(y, lang);
  const priced = runs
    .filter((r) => r.run)
    .sort((a, b) => Number(b.run!.result.npv.mean) - Number(a.run!.result.npv.mean));
  const items = [...priced, ...runs.filter((r) => !r.run)].map(({ name, run, error }) => {
    if (!run) return `<li>${w('scenarioError', { name: esc(name), error: esc(error ?? '') })}</li>`;
    const r = run.result;
    const be = r.breakEven.effect
      ? `${chartWord('breakEven', lang)}: ${esc(breakEvenPhrase(r.breakEven, lang))}`
      : '';
    const text = w('scenario1', {
      name: esc(name),
      customers: esc(formatCount(r.targetedCustomers, lang)),
      mean: `<span${Number(r.npv.mean) < 0 ? ' class="bad"' : ''}>${m(r.npv.mean)}</span>`,
      p5: m(r.npv.p5),
      p95: m(r.npv.p95),
      prob: esc(formatShare(r.probPositive, lang, 0)),
      payback: esc(payback(r.paybackYear)),
    });
    return `<li>${text} ${be}</li>`;
  });
  const summary = table(
    [w('initiative'), w('customers'), w('npvMean'), w('npvRange'), w('probPositive'), w('payback')],
    priced.map(({ name, run }) => {
      const r = run!.result;
      return [
        esc(name),
        esc(formatCount(r.targetedCustomers, lang)),
        m(r.npv.mean),
        `${m(r.npv.p5)} – ${m(r.npv.p95)}`,
        esc(formatShare(r.probPositive, lang, 0)),
        esc(payback(r.paybackYear)),
      ];
    }),
    new Set([1, 2, 3, 4]),
  );
  const best = priced[0]?.run;
  const bestName = priced[0]?.name ?? '';
  const chart = best
    ? `<h3>${w('jCurveBest', { name: esc(bestName) })}${best.band.length ? w('jCurveBand') : ''}</h3><div class="chart">${inlineSvg(jCurveOption({ oneOff: best.result.initiativeCosts.oneOff, years: best.result.years, band: best.band }, lang, currency), 880, 380)}</div>`
    : '';
  const intro = w('scenariosIntro', {
    draws: esc(formatCount(o.draws, lang)),
    seed: String(o.seed),
    rate: priced[0] ? esc(formatShare(priced[0].run!.result.discountRate, lang, 1)) : '–',
  });
  return `${head}<p>${intro}</p>${summary}<ul class="findings">${items.join('')}</ul>${chart}<p class="muted">${esc(chartWord('costNote', lang))}</p></section>`;
}

/**
 * A fit's doubts for the board: one sentence, then each reason, all in the reader's language
 * (said from the stored codes and values; a run stored before they were kept has English
 * sentences only, marked so in a Dutch report).
 */
function fitDoubts(f: FittedModel, lang: Lang): string {
  const head = f.degenerate
    ? `<strong class="bad">${word(lang, 'clvDegenerate', { model: esc(modelName(f.model)) })}</strong> `
    : '';
  const reasons = f.warningData
    ? f.warningData.map((x) => esc(storedClvWarningText(lang, x)))
    : [...f.warnings.map((x) => esc(x)), ...(lang === 'en' ? [] : [esc(word(lang, 'clvWarningsInEnglish'))])];
  return `${head}${reasons.join(' ')}`;
}

/** The holdout check of the model in use, as one sentence (none when no check was possible). */
function holdoutWords(v: Extract<LifetimeValue, { available: true }>, lang: Lang): string[] {
  const h = v.choice?.candidates.find((c) => c.model === v.choice!.model)?.holdout;
  if (!h || h.error === null) return [];
  const gap = esc(`${h.error > 0 ? '+' : ''}${formatShare(h.error, lang, 1)}`);
  return [
    words(lang)('clvHoldout', {
      date: esc(h.calibrationEnd),
      expected: esc(formatCount(Math.round(h.expected), lang)),
      weeks: esc(formatCount(Math.round(h.weeks), lang)),
      actual: esc(formatCount(Math.round(h.actual), lang)),
      gap: Math.abs(h.error) > 0.05 ? `<span class="bad">${gap}</span>` : gap,
    }),
    ...(h.groups.length > 1
      ? [
          words(lang)('clvHoldoutSegments', {
            column: esc(v.groupedBy ?? ''),
            list: h.groups
              .map((g) => {
                const e =
                  g.error === null ? '–' : esc(`${g.error > 0 ? '+' : ''}${formatShare(g.error, lang, 1)}`);
                // the run's verdict (beyond what chance gives for the group's size); older runs: one share
                const beyond =
                  g.warn ??
                  (g.error !== null && h.warnAbove !== undefined && Math.abs(g.error) > h.warnAbove);
                const vars = {
                  name: esc(g.name || word(lang, 'clvNoGroupValue')),
                  expected: esc(formatCount(Math.round(g.expected), lang)),
                  actual: esc(formatCount(Math.round(g.actual), lang)),
                  gap: beyond ? `<span class="bad">${e}</span>` : e,
                };
                // the group's own limit, what chance gives for its size (runs before the band have none)
                return g.warnAbove === undefined
                  ? words(lang)('clvHoldoutSegment', vars)
                  : words(lang)('clvHoldoutSegmentBand', {
                      ...vars,
                      band: esc(formatShare(g.warnAbove, lang, 1)),
                    });
              })
              .join('; '),
          }),
          ...(h.groups.some((g) => g.warnAbove !== undefined) ? [word(lang, 'clvHoldoutBandNote')] : []),
        ]
      : []),
  ];
}
