/**
 * Scenarios: pick an initiative of the workspace, move its effects with sliders (each slider
 * sets the effect's mean; a distribution is shifted, its spread kept), and see what the server's
 * run gives: NPV range, P(NPV > 0), payback, break-even, the J-curve, the tornado, stranded cost.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  activityName,
  breakEvenPhrase,
  chartWord,
  effectName,
  formatMoney,
  formatNumber,
  formatShare,
  jCurveOption,
  paybackPhrase,
  tornadoOption,
} from '../../charts/index.ts';
import { BASIS_WORDS, BEHAVIOUR_WORDS, enumWord } from '../../words/index.ts';
import { Chart } from '../Chart.tsx';
import { ExportButtons } from '../ExportButtons.tsx';
import { useApi } from '../api.ts';
import { useLang } from '../i18n.ts';
import { useCurrency, useWorkspace } from '../meta.ts';
import type { EffectControl, InitiativeInfo, ScenarioRun } from '../types.ts';
import { Figure, Status } from './parts.tsx';

const DRAW_CHOICES = [500, 1000, 2000, 5000];

/** Waits `ms` after the last change of `value` before passing it on (sliders fire on every step). */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

function Slider({ c, value, onChange }: { c: EffectControl; value: number; onChange: (v: number) => void }) {
  const { lang, t } = useLang();
  return (
    <div className="slider" data-testid={`effect-${c.effect}`}>
      <label>
        <span className="slider-name">{effectName(c.effect, lang)}</span>
        <input
          type="range"
          min={c.min}
          max={c.max}
          step={c.step}
          value={value}
          onChange={(e) => onChange(Number(e.target.value))}
          data-testid={`slider-${c.effect}`}
        />
        <output data-testid={`slider-value-${c.effect}`}>{formatNumber(value, lang, 1)}</output>
        {value !== c.mean && (
          <button type="button" onClick={() => onChange(c.mean)} data-testid={`reset-${c.effect}`}>
            {t('reset')}
          </button>
        )}
      </label>
      <div className="muted small">
        {t('asWritten')}: {c.distribution} · {enumWord(BASIS_WORDS, c.basis, lang)}
        {c.note[lang] ? ` · ${c.note[lang]}` : ''}
      </div>
    </div>
  );
}

/**
 * Whether a higher retention lowers the NPV, read from the result itself: the tornado puts
 * retention at its P90 below its P10, or the break-even says retention may only rise so far
 * (it pays below the value). That happens when the targeted customers lose money at baseline.
 */
function retentionHurts(r: ScenarioRun['result']): boolean {
  const t = r.tornado.find((x) => x.effect === 'retention');
  if (t) return t.high > t.low ? Number(t.npvHigh) < Number(t.npvLow) : Number(t.npvLow) < Number(t.npvHigh);
  return r.breakEven.effect === 'retention' && r.breakEven.paysAbove === false;
}

/**
 * The cost table's totals taken to the NPV: margin gained + cost saved - running costs -
 * one-off = the extra cash over the horizon (the J-curve's last point, to the cent each line
 * was rounded to); discounting takes it to the expected NPV. Each line is the result's own
 * figure; the discounting line is what remains between the undiscounted cash and the NPV.
 */
function NpvBridge({ r }: { r: ScenarioRun['result'] }) {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const cents = (s: string) => BigInt(Math.round(Number(s) * 100));
  const saved = r.costLines.reduce((sum, l) => sum + cents(l.saved), 0n);
  const running =
    cents(r.initiativeCosts.perCustomer) +
    cents(r.initiativeCosts.perOrder) +
    cents(r.initiativeCosts.perContact);
  const margin = cents(r.marginChange);
  const oneOff = cents(r.initiativeCosts.oneOff);
  // The sum of the lines shown (it equals the J-curve's last point up to the cents each line was rounded to), so the table adds up on screen.
  const cash = margin + saved - running - oneOff;
  const npv = cents(r.expectedNpv);
  const text = (c: bigint) =>
    `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}`;
  const m = (c: bigint) => formatMoney(text(c), lang, currency, 0);
  const rows: [string, string, bigint][] = [
    ['margin', t('bridgeMargin'), margin],
    ['saved', t('bridgeSaved'), saved],
    ['running', t('bridgeInitiativeCosts'), -running],
    ['one-off', t('bridgeOneOff'), -oneOff],
    ['cash', t('bridgeCash'), cash],
    ['discount', t('bridgeDiscount', { rate: formatShare(r.discountRate, lang, 1) }), npv - cash],
    ['npv', t('bridgeNpv'), npv],
  ];
  return (
    <>
      <table className="grid" data-testid="npv-bridge">
        <tbody>
          {rows.map(([id, label, v]) => (
            <tr
              key={id}
              className={id === 'cash' || id === 'npv' ? 'total' : ''}
              data-testid={`bridge-${id}`}
            >
              <td>{label}</td>
              <td className={`num${v < 0n ? ' bad' : ''}`} data-value={text(v)}>
                {m(v)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t('bridgeNote')}</p>
    </>
  );
}

/** The Scenarios page. */
export function ScenariosPage() {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const workspace = useWorkspace();
  const list = useApi<InitiativeInfo[]>('/api/scenarios');
  const [chosen, setChosen] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, number>>({});
  const [draws, setDraws] = useState(1000);
  const [seed, setSeed] = useState(1);
  const initiatives = list.data ?? [];
  const current = initiatives.find((i) => i.id === chosen) ?? initiatives.find((i) => !i.error) ?? null;
  const changed = useDebounced(values, 250);
  const params = useMemo(() => {
    const p: Record<string, number | string> = { draws, seed, lang };
    for (const c of current?.effects ?? [])
      if (changed[c.effect] !== undefined && changed[c.effect] !== c.mean) p[c.effect] = changed[c.effect]!;
    return p;
  }, [current, changed, draws, seed, lang]);
  const run = useApi<ScenarioRun>(
    current ? `/api/scenarios/${encodeURIComponent(current.id)}` : '/api/scenarios',
    params,
  );
  const data = run.data && current && run.data.id === current.id ? run.data : null;
  const charts = useMemo(() => {
    if (!data) return null;
    const r = data.result;
    return {
      jCurve: jCurveOption(
        { oneOff: r.initiativeCosts.oneOff, years: r.years, band: data.band },
        lang,
        currency,
      ),
      tornado: r.tornado.length ? tornadoOption(r.tornado, r.expectedNpv, lang, currency) : null,
    };
  }, [data, lang, currency]);

  if (!list.data) return <Status error={list.error} />;
  if (!current) {
    return (
      <div className="page" data-testid="scenarios">
        <h1>{t('scenarios')}</h1>
        <p className="card" data-testid="no-scenarios">
          {t('noScenarios', { workspace })}
        </p>
      </div>
    );
  }
  const m = (v: string) => formatMoney(v, lang, currency, 0);
  const choose = (id: string) => {
    setChosen(id);
    setValues({});
  };
  const r = data?.result;
  const payback = r ? paybackPhrase(r.paybackYear, lang) : '';
  const breakEven = r && r.breakEven.effect ? breakEvenPhrase(r.breakEven, lang) : '–';
  return (
    <div className="page" data-testid="scenarios">
      <h1>{t('scenarios')}</h1>
      <div className="card">
        <h2>
          {t('initiative')}{' '}
          <select value={current.id} onChange={(e) => choose(e.target.value)} data-testid="scenario-select">
            {initiatives.map((i) => (
              <option key={i.id} value={i.id} disabled={Boolean(i.error)}>
                {i.name[lang]}
                {i.error ? ` (${t('invalidFile')})` : ''}
              </option>
            ))}
          </select>
        </h2>
        <p data-testid="scenario-description">{current.description[lang]}</p>
        <p className="muted">
          {t('targets')}: <code>{current.targets}</code>
          {r ? ` · ${t('targetedCustomers', { n: formatNumber(r.targetedCustomers, lang, 0) })}` : ''} ·{' '}
          {t('horizon', { years: String(current.horizonYears) })} · {current.file}
        </p>
        {initiatives.some((i) => i.error) && (
          <ul className="error">
            {initiatives
              .filter((i) => i.error)
              .map((i) => (
                <li key={i.id}>{i.error}</li>
              ))}
          </ul>
        )}
      </div>

      <div className="card" data-testid="sliders">
        <h2>{t('effects')}</h2>
        <p className="muted">{t('sliderHelp')}</p>
        {current.effects.length === 0 && <p>{t('noEffects')}</p>}
        {current.effects.map((c) => (
          <Slider
            key={`${current.id}-${c.effect}`}
            c={c}
            value={values[c.effect] ?? c.mean}
            onChange={(v) => setValues({ ...values, [c.effect]: v })}
          />
        ))}
        <div className="filters">
          <label>
            {t('draws')}{' '}
            <select value={draws} onChange={(e) => setDraws(Number(e.target.value))} data-testid="draws">
              {DRAW_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {formatNumber(d, lang, 0)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('seed')}{' '}
            <input
              type="number"
              min={0}
              max={2147483647}
              step={1}
              value={seed}
              onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
              data-testid="seed"
            />
          </label>
        </div>
      </div>

      {run.error && (
        <p className="error" role="alert">
          {run.error}
        </p>
      )}
      {!r || !charts ? (
        !run.error && <Status error={null} />
      ) : (
        <div
          data-testid="scenario-result"
          data-state={run.loading || changed !== values ? 'loading' : 'ready'}
        >
          <section className="figures">
            <Figure
              id="npv-mean"
              label={t('npvMean')}
              value={m(r.npv.mean)}
              strong
              bad={Number(r.npv.mean) < 0}
              note={t('drawsNote', { draws: formatNumber(r.draws, lang, 0), seed: String(r.seed) })}
            />
            <Figure id="npv-p5" label={t('npvP5')} value={m(r.npv.p5)} />
            <Figure id="npv-p50" label={t('npvP50')} value={m(r.npv.p50)} />
            <Figure id="npv-p95" label={t('npvP95')} value={m(r.npv.p95)} />
            <Figure
              id="prob-positive"
              label={t('probPositive')}
              value={formatShare(r.probPositive, lang, 0)}
            />
            <Figure id="payback" label={t('payback')} value={payback} />
            <Figure
              id="stranded"
              label={t('strandedCost')}
              value={m(r.stranded)}
              bad={Number(r.stranded) > 0}
            />
          </section>
          <p className="card" data-testid="break-even">
            <strong>{chartWord('breakEven', lang)}:</strong> {breakEven}
          </p>
          <section className="charts">
            <div className="card">
              <h2>{t('jCurve')}</h2>
              <p className="muted">{t('jCurveNote')}</p>
              <Chart option={charts.jCurve} height={360} testId="jcurve-chart" />
            </div>
            <div className="card">
              <h2>{t('tornado')}</h2>
              <p className="muted">{t('tornadoNote')}</p>
              {charts.tornado ? (
                <Chart
                  option={charts.tornado}
                  height={Math.max(200, 60 + 60 * r.tornado.length)}
                  testId="tornado-chart"
                />
              ) : (
                <p>{t('nothingUncertain')}</p>
              )}
            </div>
          </section>
          {retentionHurts(r) && (
            <p className="card note" data-testid="retention-note">
              {t('retentionLowersNpv')}
            </p>
          )}
          <div className="card" data-testid="scenario-notes">
            <h2>{t('costNoteTitle')}</h2>
            {r.notes.map((n) => (
              <p key={n}>{n}</p>
            ))}
            <p className="muted" data-testid="cost-lines-period">
              {t('costLinesPeriod', { years: String(r.horizonYears) })}
            </p>
            <ExportButtons target="cost-lines" name={`${current.id}-cost-lines`} />
            <table className="grid" data-testid="cost-lines">
              <thead>
                <tr>
                  <th>{t('activity')}</th>
                  <th>{t('behaviour')}</th>
                  <th className="num">{t('baselineCost')}</th>
                  <th className="num">{t('initiativeCost')}</th>
                  <th className="num">{t('saved')}</th>
                  <th className="num">{t('stranded')}</th>
                  <th className="num">{t('cut')}</th>
                </tr>
              </thead>
              <tbody>
                {r.costLines.map((l) => (
                  <tr key={l.id}>
                    <td>{activityName(l.id, l.name, lang)}</td>
                    <td>{enumWord(BEHAVIOUR_WORDS, l.behaviour, lang)}</td>
                    <td className="num" data-value={l.baseline}>
                      {m(l.baseline)}
                    </td>
                    <td className="num" data-value={l.initiative}>
                      {m(l.initiative)}
                    </td>
                    <td className={`num${Number(l.saved) < 0 ? ' bad' : ''}`} data-value={l.saved}>
                      {m(l.saved)}
                    </td>
                    <td className={`num${Number(l.stranded) > 0 ? ' bad' : ''}`} data-value={l.stranded}>
                      {m(l.stranded)}
                    </td>
                    <td className="num" data-value={l.cut}>
                      {m(l.cut)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>{t('npvBridge')}</h3>
            <NpvBridge r={r} />
          </div>
        </div>
      )}
    </div>
  );
}
