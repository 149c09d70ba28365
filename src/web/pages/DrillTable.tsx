/** The table of source rows behind a figure, shared by a customer's drill and a segment's: file, line, what, date, amount, their total, paging. */
import { ExportButtons } from '../ExportButtons.tsx';
import { formatDate, formatMoney } from '../../charts/index.ts';
import { useLang, type TextKey } from '../i18n.ts';
import { useCurrency } from '../meta.ts';
import type { Lang } from '../../words/index.ts';
import type { DrillRow } from '../types.ts';
import { Pager } from './parts.tsx';

/** One page of a drill as the API gives it: its rows (with their customer for a segment's drill), the row count and the total over every row. */
export interface DrillPage<R extends DrillRow> {
  items: R[];
  rows: number;
  pageSize: number;
  total: string;
}

/**
 * The rows of one drill page with their total and the pager. `testId` prefixes the rows' and
 * total's test ids (`<testId>-row`, `<testId>-total`); `customer` (a segment's drill) adds a
 * first column linking each row to its customer's page; `totalText` is the footer's words.
 */
export function DrillTable<R extends DrillRow & { customerId?: string }>({
  data,
  testId,
  customer = false,
  totalText,
  page,
  onPage,
}: {
  data: DrillPage<R>;
  testId: string;
  customer?: boolean;
  totalText: string;
  page: number;
  onPage: (page: number) => void;
}) {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const money = (v: string) => formatMoney(v, lang, currency);
  const pages = Math.max(1, Math.ceil(data.rows / data.pageSize));
  return (
    <>
      <ExportButtons target={`${testId}-table`} name={testId} />
      <table className="grid" data-testid={`${testId}-table`}>
        <thead>
          <tr>
            {customer && <th>{t('segmentDrillCustomer')}</th>}
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
              data-testid={`${testId}-row`}
              data-amount={r.amount}
              data-file={r.file}
              data-line={r.line}
            >
              {customer && (
                <td>
                  <a href={`#/customers/${encodeURIComponent(r.customerId ?? '')}`}>{r.customerId}</a>
                </td>
              )}
              <td>{r.file}</td>
              <td className="num">{r.line}</td>
              <td>
                {drillWhat(r, t, lang)}
                {r.estimated ? ' *' : ''}
              </td>
              <td>{formatDate(r.date, lang)}</td>
              <td className="num">{money(r.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid={`${testId}-total`}>
            <th colSpan={customer ? 5 : 4}>{totalText}</th>
            <th className="num">{money(data.total)}</th>
          </tr>
        </tfoot>
      </table>
      <Pager page={page} pages={pages} onPage={onPage} />
      {data.items.some((r) => r.estimated) && <p className="muted">{t('drillEstimated')}</p>}
    </>
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
