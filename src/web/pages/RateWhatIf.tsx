/**
 * Cost rates you can try: a new rate per minute for any time-driven activity, answered by
 * the server (`/api/what-if`) with the contribution, cost to serve and loss-makers before and
 * after, and both whale curves. Nothing is saved.
 */
import { ExportButtons } from '../ExportButtons.tsx';
import { useMemo, useState } from 'react';
import {
  activityName,
  formatCount,
  formatMoney,
  whatIfWhaleOption,
  type MoneyWhalePoint,
} from '../../charts/index.ts';
import { Chart } from '../Chart.tsx';
import { useApi } from '../api.ts';
import { useLang } from '../i18n.ts';
import { useCurrency } from '../meta.ts';
import type { TableRow } from '../types.ts';
import { Status } from './parts.tsx';

interface Figures {
  contribution: string;
  costToServe: string;
  lossMakers: number;
  lossMakersContribution: string;
}
interface WhatIfAnswer {
  customers: number;
  activities: {
    activityId: string;
    rateBefore: number;
    rateAfter: string;
    assignedBefore: string;
    assignedAfter: string;
  }[];
  before: Figures;
  after: Figures;
  whale: { before: MoneyWhalePoint[]; after: MoneyWhalePoint[] };
}

/** A rate as the user typed it (1,25 or 1.25) in the API's form, or null when it is not one. */
export function parseRate(text: string): string | null {
  const t = text.trim().replace(',', '.');
  return /^\d{1,12}(\.\d{1,6})?$/.test(t) ? t : null;
}

/** The rate shown in an input: 4 decimals, the language's decimal mark. */
function shownRate(rate: number, lang: 'nl' | 'en'): string {
  const s = rate.toFixed(4);
  return lang === 'nl' ? s.replace('.', ',') : s;
}

/** Difference of two money strings in cents, as a money string (exact: BigInt cents). */
function minus(a: string, b: string): string {
  const c = (s: string) => BigInt(s.replace('.', ''));
  const d = c(a) - c(b);
  const abs = d < 0n ? -d : d;
  return `${d < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The what-if panel under the cost model's table. */
export function RateWhatIf({ activities }: { activities: TableRow[] }) {
  const { lang, t } = useLang();
  const timed = activities.filter((a) => a.kind === 'time' && a.rate_per_minute != null);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [asked, setAsked] = useState<string | null>(null);
  const [bad, setBad] = useState(false);
  if (!timed.length) return <p className="muted">{t('whatIfNoTimed')}</p>;
  const submit = () => {
    const changes: string[] = [];
    for (const a of timed) {
      const id = String(a.activity_id);
      const text = typed[id];
      if (text === undefined || text === shownRate(Number(a.rate_per_minute), lang)) continue;
      const rate = parseRate(text);
      if (rate === null) {
        setBad(true);
        return;
      }
      changes.push(`${id}:${rate}`);
    }
    setBad(false);
    setAsked(changes.length ? changes.join(',') : null);
  };
  return (
    <div className="card" data-testid="what-if">
      <h2>{t('whatIfTitle')}</h2>
      <p className="muted">{t('whatIfNote')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <table className="grid">
          <thead>
            <tr>
              <th>{t('activity')}</th>
              <th className="num">{t('rate')}</th>
              <th className="num">{t('whatIfNewRate')}</th>
            </tr>
          </thead>
          <tbody>
            {timed.map((a) => {
              const id = String(a.activity_id);
              const now = shownRate(Number(a.rate_per_minute), lang);
              return (
                <tr key={id}>
                  <td>{activityName(id, String(a.name), lang)}</td>
                  <td className="num">{now}</td>
                  <td className="num">
                    <input
                      className="rate"
                      inputMode="decimal"
                      aria-label={`${t('whatIfNewRate')}: ${activityName(id, String(a.name), lang)}`}
                      data-testid={`rate-${id}`}
                      value={typed[id] ?? now}
                      onChange={(e) => setTyped({ ...typed, [id]: e.target.value })}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {bad && (
          <p className="error" role="alert">
            {t('whatIfBadRate')}
          </p>
        )}
        <button type="submit" data-testid="what-if-try">
          {t('whatIfTry')}
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            setTyped({});
            setAsked(null);
            setBad(false);
          }}
        >
          {t('whatIfReset')}
        </button>
      </form>
      {asked && <WhatIfAnswerView rates={asked} />}
    </div>
  );
}

function WhatIfAnswerView({ rates }: { rates: string }) {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const { data, error } = useApi<WhatIfAnswer>('/api/what-if', { rates });
  const chart = useMemo(
    () => (data ? whatIfWhaleOption(data.whale.before, data.whale.after, lang, currency) : null),
    [data, lang, currency],
  );
  if (!data || !chart) return <Status error={error} />;
  const money = (v: string) => formatMoney(v, lang, currency, 2);
  const rows: [string, string, string, string][] = [
    ['contribution', t('contribution'), data.before.contribution, data.after.contribution],
    ['cost-to-serve', t('costToServe'), data.before.costToServe, data.after.costToServe],
    [
      'loss-makers-loss',
      t('whatIfLossMakersLoss'),
      data.before.lossMakersContribution,
      data.after.lossMakersContribution,
    ],
  ];
  return (
    <div data-testid="what-if-answer">
      <ExportButtons target="what-if-table" name="what-if" />
      <table className="grid" data-testid="what-if-table">
        <thead>
          <tr>
            <th />
            <th className="num">{t('whatIfBefore')}</th>
            <th className="num">{t('whatIfAfter')}</th>
            <th className="num">{t('whatIfChange')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, label, before, after]) => (
            <tr key={key} data-testid={`what-if-${key}`}>
              <td>{label}</td>
              <td className="num" data-value={before}>
                {money(before)}
              </td>
              <td className="num" data-value={after}>
                {money(after)}
              </td>
              <td className="num" data-value={minus(after, before)}>
                {money(minus(after, before))}
              </td>
            </tr>
          ))}
          <tr data-testid="what-if-loss-makers">
            <td>{t('lossMakers')}</td>
            <td className="num" data-value={data.before.lossMakers}>
              {formatCount(data.before.lossMakers, lang)}
            </td>
            <td className="num" data-value={data.after.lossMakers}>
              {formatCount(data.after.lossMakers, lang)}
            </td>
            <td className="num">{formatCount(data.after.lossMakers - data.before.lossMakers, lang)}</td>
          </tr>
        </tbody>
      </table>
      <Chart option={chart} height={320} testId="what-if-chart" />
    </div>
  );
}
