/** The source rows behind one bar of a customer's waterfall: file, line, what, date, amount, and their total (the bar's figure). */
import { useState } from 'react';
import { formatCount } from '../../charts/index.ts';
import { useApi } from '../api.ts';
import { useLang } from '../i18n.ts';
import type { Drill } from '../types.ts';
import { DrillTable } from './DrillTable.tsx';
import { Status } from './parts.tsx';

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
  const [page, setPage] = useState(1);
  const { data, error } = useApi<Drill>(`/api/customers/${encodeURIComponent(id)}/drill`, { line, page });
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
        <DrillTable
          data={data}
          testId="drill"
          totalText={t('drillTotal', { rows: formatCount(data.rows, lang) })}
          page={page}
          onPage={setPage}
        />
      )}
    </div>
  );
}
