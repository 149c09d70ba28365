/** The cost model: activities, their rates, capacity used and unused. */
import { useMemo } from 'react';
import { activityName, capacityOption, formatMoney, formatNumber, formatShare } from '../../charts/index.ts';
import { Chart } from '../Chart.tsx';
import { ExportButtons } from '../ExportButtons.tsx';
import { useApi } from '../api.ts';
import { useLang } from '../i18n.ts';
import { useCurrency } from '../meta.ts';
import type { TableRow } from '../types.ts';
import { Status } from './parts.tsx';
import { RateWhatIf } from './RateWhatIf.tsx';

/**
 * The part of an activity's pool that is direct cost passed on per event (freight, fees): the
 * pool less the time pool, which is the rate per minute times the minutes it is spread over
 * (the practical capacity, or the minutes used on an overrun), in whole cents. A `direct`
 * activity is direct cost throughout; fixed and credit activities have none (null).
 */
function direct(a: TableRow): string | null {
  const pool = Math.round(Number(a.pool ?? 0) * 100);
  const minutes = Math.max(Number(a.capacity_minutes ?? 0), Number(a.used_minutes ?? 0));
  if (a.kind !== 'time' && a.kind !== 'direct') return null;
  const cents =
    a.kind === 'direct' ? pool : pool - Math.round(Number(a.rate_per_minute ?? 0) * minutes * 100);
  return `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
}

/** The Cost model page. */
export function CostModelPage() {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const { data, error } = useApi<TableRow[]>('/api/activities');
  const chart = useMemo(
    () =>
      data
        ? capacityOption(
            data.map((a) => ({
              id: String(a.activity_id),
              name: String(a.name),
              assigned: String(a.assigned ?? '0'),
              unattributed: String(a.unattributed ?? '0'),
              unused: String(a.unused_capacity ?? '0'),
            })),
            lang,
            currency,
          )
        : null,
    [data, lang, currency],
  );
  if (!data || !chart) return <Status error={error} />;
  const money = (v: unknown) => (v == null ? '–' : formatMoney(String(v), lang, currency, 0));
  const num = (v: unknown, d = 0) => (v == null ? '–' : formatNumber(Number(v), lang, d));
  return (
    <div className="page" data-testid="cost-model">
      <h1>{t('costModel')}</h1>
      <div className="card">
        <h2>{t('poolsTitle')}</h2>
        <Chart option={chart} height={Math.max(240, 40 + 34 * data.length)} testId="capacity-chart" />
      </div>
      <p className="muted">{t('poolNote')}</p>
      <ExportButtons target="activity-table" name="cost-model" />
      <table className="grid" data-testid="activity-table">
        <thead>
          <tr>
            <th>{t('activity')}</th>
            <th className="num">{t('pool')}</th>
            <th className="num">{t('directCost')}</th>
            <th className="num">{t('capacity')}</th>
            <th className="num">{t('used')}</th>
            <th className="num">{t('utilisation')}</th>
            <th className="num">{t('rate')}</th>
            <th className="num">{t('assigned')}</th>
            <th className="num">{t('unattributedCost')}</th>
            <th className="num">{t('unused')}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((a) => (
            <tr key={String(a.activity_id)}>
              <td>{activityName(String(a.activity_id), String(a.name), lang)}</td>
              <td className="num" data-value={String(a.pool ?? '')}>
                {money(a.pool)}
              </td>
              <td
                className="num"
                data-value={direct(a) ?? ''}
                data-testid={`direct-${String(a.activity_id)}`}
              >
                {money(direct(a))}
              </td>
              <td className="num" data-value={String(a.capacity_minutes ?? '')}>
                {num(a.capacity_minutes)}
              </td>
              <td className="num" data-value={String(a.used_minutes ?? '')}>
                {num(a.used_minutes)}
              </td>
              <td className="num" data-value={String(a.utilisation_share ?? '')}>
                {a.utilisation_share == null ? '–' : formatShare(Number(a.utilisation_share), lang, 0)}
              </td>
              <td className="num" data-value={String(a.rate_per_minute ?? '')}>
                {a.rate_per_minute == null
                  ? '–'
                  : formatMoney(String(Number(a.rate_per_minute).toFixed(4)), lang, currency, 2)}
              </td>
              <td className="num" data-value={String(a.assigned ?? '')}>
                {money(a.assigned)}
              </td>
              <td className="num" data-value={String(a.unattributed ?? '')}>
                {money(a.unattributed)}
              </td>
              <td className="num" data-value={String(a.unused_capacity ?? '')}>
                {money(a.unused_capacity)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <RateWhatIf activities={data} />
    </div>
  );
}
