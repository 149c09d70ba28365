/** The source rows behind one bar of a customer's waterfall: file, line, what, date, amount, and their total (the bar's figure). */
import { useState } from 'react';
import { formatCount, formatDate, formatMoney } from '../../charts/index.ts';
import { useApi } from '../api.ts';
import { useLang, type TextKey } from '../i18n.ts';
import { useCurrency } from '../meta.ts';
import type { Lang } from '../../words/index.ts';
import type { Drill, DrillRow } from '../types.ts';
import { Pager, Status } from './parts.tsx';

/** The rows behind `line` (a `customer_pnl` column that drills) for customer `id`, with paging; `onClose` hides it. */
export function DrillPanel({
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
  const { data, error } = useApi<Drill>(`/api/customers/${encodeURIComponent(id)}/drill`, { line, page });
  const money = (v: string) => formatMoney(v, lang, currency);
  const pages = data ? Math.max(1, Math.ceil(data.rows / data.pageSize)) : 1;
  const what = (r: DrillRow) => drillWhat(r, t, lang);
  return (
    <div
      className="card"
      data-testid="drill"
      data-line={line}
      data-total={data?.total ?? ''}
      data-rows={data?.rows ?? ''}
    >
      <h2>
        {t('drillTitle', { line: title })}{' '}
        <button type="button" onClick={onClose} data-testid="drill-close">
          {t('close')}
        </button>
      </h2>
      {!data ? (
        <Status error={error} />
      ) : (
        <>
          <table className="grid">
            <thead>
              <tr>
                <th>{t('drillFile')}</th>
                <th className="num">{t('line')}</th>
                <th>{t('drillWhat')}</th>
                <th>{t('date')}</th>
                <th className="num">{t('dqAmount')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr
                  key={`${r.file}:${r.line}:${r.table}`}
                  data-testid="drill-row"
                  data-amount={r.amount}
                  data-file={r.file}
                  data-line={r.line}
                >
                  <td>{r.file}</td>
                  <td className="num">{r.line}</td>
                  <td>
                    {what(r)}
                    {r.estimated ? ' *' : ''}
                  </td>
                  <td>{formatDate(r.date, lang)}</td>
                  <td className="num">{money(r.amount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="drill-total">
                <th colSpan={4}>{t('drillTotal', { rows: formatCount(data.rows, lang) })}</th>
                <th className="num">{money(data.total)}</th>
              </tr>
            </tfoot>
          </table>
          <Pager page={page} pages={pages} onPage={setPage} />
          {data.items.some((r) => r.estimated) && <p className="muted">{t('drillEstimated')}</p>}
        </>
      )}
    </div>
  );
}

/** What a source row is, in the page's language (the API's `reference` is English). */
export function drillWhat(
  r: DrillRow,
  t: (key: TextKey, vars?: Record<string, string>) => string,
  lang: Lang,
): string {
  switch (r.table) {
    case 'order_lines':
      return t('drillOrderLine', { order: r.ref, line: String(r.refLine ?? '') });
    case 'returns':
      return t('drillReturn', { id: r.ref });
    case 'rebates':
      return t('drillRebate', { date: formatDate(r.ref, lang) });
    default: {
      const never: never = r.table;
      return String(never);
    }
  }
}
