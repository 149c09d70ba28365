/** A segment's figure down to its source rows: customer, file, line, what, date, amount, and their total (the roll-up's figure). */
import { useState } from 'react';
import { chartWord, formatCount } from '../../charts/index.ts';
import { useApi } from '../api.ts';
import { filterParams, type Filters } from '../filters.tsx';
import { shownValue, useLang } from '../i18n.ts';
import type { SegmentDrill } from '../types.ts';
import { DrillTable } from './DrillTable.tsx';
import { Status } from './parts.tsx';

/** The figures a segment drills by, in the roll-up's order (net sales first: the table's column). */
const LINES = ['net_sales', 'gross_sales', 'discounts', 'returns', 'rebates', 'cogs'] as const;
type Line = (typeof LINES)[number];

/** The chart word naming each figure. */
const LINE_WORDS: Record<Line, Parameters<typeof chartWord>[0]> = {
  net_sales: 'netSales',
  gross_sales: 'grossSales',
  discounts: 'discounts',
  returns: 'returns',
  rebates: 'rebates',
  cogs: 'cogs',
};

/** The source rows behind `segment`'s figure under the page's other filters, with a choice of figure and paging; `onClose` hides it. */
export function SegmentDrillPanel({
  segment,
  filters,
  onClose,
}: {
  segment: string;
  filters: Filters;
  onClose: () => void;
}) {
  const { lang, t } = useLang();
  const [line, setLine] = useState<Line>('net_sales');
  const [page, setPage] = useState(1);
  const { data, error } = useApi<SegmentDrill>('/api/segment-drill', {
    ...filterParams(filters),
    segment,
    line,
    page,
  });
  // The answer shown is the one asked for (not the figure or page before, still on screen while a new one loads).
  const shown = data && data.line === line && data.page === page ? data : null;
  return (
    <div
      className="card"
      data-testid="segment-drill"
      data-segment={segment}
      data-line={line}
      data-page={page}
      data-total={shown?.total ?? ''}
      data-rows={shown?.rows ?? ''}
    >
      <h2>
        {t('segmentDrillTitle', { segment: shownValue(lang, segment) })}{' '}
        <select
          value={line}
          onChange={(e) => {
            setLine(e.target.value as Line);
            setPage(1);
          }}
          data-testid="segment-drill-line"
        >
          {LINES.map((l) => (
            <option key={l} value={l}>
              {chartWord(LINE_WORDS[l], lang)}
            </option>
          ))}
        </select>{' '}
        <button type="button" onClick={onClose} data-testid="segment-drill-close">
          {t('close')}
        </button>
      </h2>
      {!shown ? (
        <Status error={error} />
      ) : (
        <DrillTable
          data={shown}
          testId="segment-drill"
          customer
          totalText={t('segmentDrillTotal', { rows: formatCount(shown.rows, lang) })}
          page={page}
          onPage={setPage}
        />
      )}
    </div>
  );
}
