/** The customer table: server-side paging, sorting, filtering and search. */
import { useState } from 'react';
import { formatCount, formatMoney, quadrantName } from '../../charts/index.ts';
import { useApi } from '../api.ts';
import { useLang, type TextKey } from '../i18n.ts';
import { useCurrency } from '../meta.ts';
import type { CustomerPage } from '../types.ts';
import { Status } from './parts.tsx';

const COLUMNS: { key: string; label: TextKey; money?: boolean }[] = [
  { key: 'customerId', label: 'customerId' },
  { key: 'name', label: 'name' },
  { key: 'segment', label: 'segment' },
  { key: 'netSales', label: 'netSales', money: true },
  { key: 'grossMargin', label: 'grossMargin', money: true },
  { key: 'costToServe', label: 'costToServe', money: true },
  { key: 'contribution', label: 'contribution', money: true },
];

const PAGE_SIZE = 25;

/** The Customers page; `initial` carries filters from a drill-down link (vocQuadrant, matrixQuadrant, segment). */
export function CustomersPage({ initial }: { initial: URLSearchParams }) {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState('contribution');
  const [dir, setDir] = useState<'asc' | 'desc'>('desc');
  const [q, setQ] = useState('');
  const [lossMaking, setLossMaking] = useState(false);
  const segment = initial.get('segment') ?? undefined;
  const vocQuadrant = initial.get('vocQuadrant') ?? undefined;
  const matrixQuadrant = initial.get('matrixQuadrant') ?? undefined;
  const { data, error, loading } = useApi<CustomerPage>('/api/customers', {
    page,
    pageSize: PAGE_SIZE,
    sort,
    dir,
    q: q.trim() || undefined,
    lossMaking: lossMaking ? 'true' : undefined,
    segment,
    vocQuadrant,
    matrixQuadrant,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const sortBy = (key: string) => {
    if (key === sort) setDir(dir === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setDir(key === 'customerId' || key === 'name' || key === 'segment' ? 'asc' : 'desc');
    }
    setPage(1);
  };
  return (
    <div className="page" data-testid="customers">
      <h1>{t('customers')}</h1>
      <div className="filters">
        <input
          type="search"
          placeholder={t('search')}
          value={q}
          data-testid="customer-search"
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
        />
        <label>
          <input type="checkbox" checked={lossMaking} data-testid="loss-only" onChange={(e) => (setLossMaking(e.target.checked), setPage(1))} /> {t('onlyLossMakers')}
        </label>
        {[segment, vocQuadrant && quadrantName(vocQuadrant, lang), matrixQuadrant && quadrantName(matrixQuadrant, lang)].filter(Boolean).map((f) => (
          <span key={f} className="chip" data-testid="filter-chip">
            {f}
          </span>
        ))}
      </div>
      <table className="grid" data-testid="customer-table" data-state={loading ? 'loading' : 'ready'}>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} className={c.money ? 'num' : ''}>
                <button type="button" data-testid={`sort-${c.key}`} onClick={() => sortBy(c.key)}>
                  {t(c.label)} {sort === c.key ? (dir === 'asc' ? '▲' : '▼') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data?.rows.map((r) => (
            <tr key={r.customerId} data-testid="customer-row" onClick={() => (window.location.hash = `#/customers/${encodeURIComponent(r.customerId)}`)}>
              <td>
                <a href={`#/customers/${encodeURIComponent(r.customerId)}`}>{r.customerId}</a>
              </td>
              <td>{r.name}</td>
              <td>{r.segment}</td>
              {(['netSales', 'grossMargin', 'costToServe', 'contribution'] as const).map((k) => (
                <td key={k} className={`num${Number(r[k]) < 0 ? ' bad' : ''}`} data-testid={`cell-${k}`}>
                  {formatMoney(r[k], lang, currency)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {!data && <Status error={error} />}
      <div className="pager">
        <button type="button" data-testid="page-prev" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('previous')}
        </button>
        <span data-testid="page-info">
          {t('pageOf', { page: formatCount(page, lang), pages: formatCount(pages, lang), total: formatCount(data?.total ?? 0, lang) })}
        </span>
        <button type="button" data-testid="page-next" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {t('next')}
        </button>
      </div>
    </div>
  );
}
