/** The events behind one cost-to-serve bar of a customer's waterfall: file, line, what, date, minutes, passed on, amount, and their total (the bar's figure). */
import { ExportButtons } from '../ExportButtons.tsx';
import { useState } from 'react';
import { formatCount, formatDate, formatMoney, formatNumber } from '../../charts/index.ts';
import { useApi } from '../api.ts';
import { useLang } from '../i18n.ts';
import { useCurrency } from '../meta.ts';
import type { CostDrill, CostDrillRow } from '../types.ts';
import { Pager, Status } from './parts.tsx';

/** A decimal string with the decimals it has, at least `min` (`2.5` -> 2,5 in Dutch). */
function decimal(value: string, lang: 'nl' | 'en', min = 0): string {
  const places = Math.max(min, (value.split('.')[1] ?? '').length);
  return formatNumber(Number(value), lang, places);
}

/** The events behind the cost bar `line` (`cost_<activity>`) for customer `id`, with paging; `onClose` hides it. */
export function CostDrillPanel({
  id,
  line,
  title,
  onClose,
}: {
  id: string;
  line: string;
  title: string;
  onClose: () => void;
}) {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const [page, setPage] = useState(1);
  const { data, error } = useApi<CostDrill>(`/api/customers/${encodeURIComponent(id)}/drill`, { line, page });
  const money = (v: string) => formatMoney(v, lang, currency);
  const pages = data ? Math.max(1, Math.ceil(data.rows / data.pageSize)) : 1;
  // What an event is, in the page's language.
  const what = (r: CostDrillRow): string => {
    switch (r.driver) {
      case 'orders':
        return t('costDrillOrder', { id: r.ref });
      case 'order_lines':
        return t('drillOrderLine', { order: r.ref, line: String(r.refLine ?? '') });
      case 'shipments':
        return t('costDrillShipment', { id: r.ref });
      case 'returns':
        return t('drillReturn', { id: r.ref });
      case 'service_contacts':
        return t('costDrillContact', { id: r.ref });
      case 'invoices':
        return t('costDrillInvoice', { id: r.ref });
      case 'fixed':
        return t('costDrillFixed');
      default:
        return r.ref;
    }
  };
  return (
    <div
      className="card"
      data-testid="cost-drill"
      data-line={line}
      data-total={data?.total ?? ''}
      data-rows={data?.rows ?? ''}
    >
      <h2>
        {t('costDrillTitle', { line: title })}{' '}
        <button type="button" onClick={onClose} data-testid="drill-close">
          {t('close')}
        </button>
      </h2>
      {!data ? (
        <Status error={error} />
      ) : (
        <>
          {data.ratePerMinute !== null && (
            <p className="muted" data-testid="cost-drill-rate">
              {t('costDrillRate', {
                rate: formatNumber(data.ratePerMinute, lang, 4),
                minutes: decimal(data.minutes, lang),
              })}
            </p>
          )}
          <ExportButtons target="cost-drill-table" name="cost-drill" />
          <table className="grid" data-testid="cost-drill-table">
            <thead>
              <tr>
                <th>{t('drillFile')}</th>
                <th className="num">{t('line')}</th>
                <th>{t('drillWhat')}</th>
                <th>{t('date')}</th>
                <th className="num">{t('costDrillMinutes')}</th>
                <th className="num">{t('costDrillDirect')}</th>
                <th className="num">{t('dqAmount')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r, i) => (
                <tr
                  key={`${r.file ?? ''}:${r.line ?? ''}:${r.ref}:${i}`}
                  data-testid="cost-drill-row"
                  data-amount={r.amount}
                  data-file={r.file ?? ''}
                  data-line={r.line ?? ''}
                  data-minutes={r.minutes}
                >
                  <td>{r.file ?? '–'}</td>
                  <td className="num">{r.line ?? '–'}</td>
                  <td>{what(r)}</td>
                  <td>{r.date ? formatDate(r.date, lang) : '–'}</td>
                  <td className="num">{decimal(r.minutes, lang)}</td>
                  <td className="num">{decimal(r.direct, lang, 2)}</td>
                  <td className="num">{money(r.amount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="cost-drill-total">
                <th colSpan={6}>{t('costDrillTotal', { rows: formatCount(data.rows, lang) })}</th>
                <th className="num">{money(data.total)}</th>
              </tr>
            </tfoot>
          </table>
          <Pager page={page} pages={pages} onPage={setPage} />
          <p className="muted">{t('costDrillSettled')}</p>
        </>
      )}
    </div>
  );
}
