/**
 * The customer table: server-side paging, sorting, filtering and search. Its state (search,
 * filters, sort, page) lives in the address (`#/customers?q=..&sort=..&page=..`), so the back
 * button and a shared link bring the same view back.
 */
import { useEffect, useRef, useState } from 'react';
import { formatCount, formatMoney, quadrantName } from '../../charts/index.ts';
import { ExportButtons } from '../ExportButtons.tsx';
import { getJson, useApi } from '../api.ts';
import { filterParams, useFilters, type Filters } from '../filters.tsx';
import { shownValue, text, useLang, type TextKey } from '../i18n.ts';
import type { ExportRows } from '../tableExport.ts';
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
/** Rows an export from the dashboard fetches at most (in pages of the API's largest size). */
const EXPORT_MAX_ROWS = 50_000;
const EXPORT_PAGE = 500;

/** The view as the address holds it, with defaults for what it leaves out. */
interface View {
  q: string;
  sort: string;
  dir: 'asc' | 'desc';
  page: number;
  lossMaking: boolean;
  segment: string | undefined;
  vocQuadrant: string | undefined;
  matrixQuadrant: string | undefined;
}

function viewOf(p: URLSearchParams): View {
  const page = Number(p.get('page'));
  return {
    q: p.get('q') ?? '',
    sort: COLUMNS.some((c) => c.key === p.get('sort')) ? p.get('sort')! : 'contribution',
    dir: p.get('dir') === 'asc' ? 'asc' : 'desc',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    lossMaking: p.get('lossMaking') === 'true',
    segment: p.get('segment') ?? undefined,
    vocQuadrant: p.get('vocQuadrant') ?? undefined,
    matrixQuadrant: p.get('matrixQuadrant') ?? undefined,
  };
}

/** Puts `v` in the address: a new history entry (back returns to the previous view), or in place while typing. */
function go(v: View, replace: boolean): void {
  const p = new URLSearchParams();
  if (v.q) p.set('q', v.q);
  if (v.segment !== undefined) p.set('segment', v.segment);
  if (v.vocQuadrant !== undefined) p.set('vocQuadrant', v.vocQuadrant);
  if (v.matrixQuadrant !== undefined) p.set('matrixQuadrant', v.matrixQuadrant);
  if (v.lossMaking) p.set('lossMaking', 'true');
  if (v.sort !== 'contribution') p.set('sort', v.sort);
  if (v.dir !== 'desc') p.set('dir', v.dir);
  if (v.page !== 1) p.set('page', String(v.page));
  const hash = `#/customers${p.size ? `?${p}` : ''}`;
  if (hash === window.location.hash) return;
  if (replace) {
    history.replaceState(null, '', hash);
    // replaceState fires no hashchange: tell the app the address moved.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else window.location.hash = hash;
}

/** The query the API takes for a view under the global filters (the list's own segment, from a drill-down link, wins over the global one). */
function apiParams(v: View, f: Filters): Record<string, string | number | undefined> {
  return {
    ...filterParams(f),
    sort: v.sort,
    dir: v.dir,
    q: v.q.trim() || undefined,
    lossMaking: v.lossMaking ? 'true' : undefined,
    segment: v.segment ?? f.segment,
    vocQuadrant: v.vocQuadrant,
    matrixQuadrant: v.matrixQuadrant,
  };
}

/** The Customers page; `initial` is the address's query: search, filters (also from a drill-down link), sort and page. */
export function CustomersPage({ initial }: { initial: URLSearchParams }) {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const view = viewOf(initial);
  const filters = useFilters();
  const { page, sort, dir, lossMaking, segment, vocQuadrant, matrixQuadrant } = view;
  // The search box is typed into here and reaches the address a moment later (one entry, not one per key).
  const [typed, setTyped] = useState(view.q);
  const pushed = useRef(view.q);
  useEffect(() => {
    // A search the address got from elsewhere (back, a link) replaces the box; our own echo does not (it may be behind the typing).
    if (view.q !== pushed.current) setTyped(view.q);
    pushed.current = view.q;
  }, [view.q]);
  useEffect(() => {
    if (typed === view.q) return;
    const id = setTimeout(() => {
      pushed.current = typed;
      go({ ...view, q: typed, page: 1 }, true);
    }, 250);
    return () => clearTimeout(id);
  });
  const { data, error, loading } = useApi<CustomerPage>('/api/customers', {
    ...apiParams(view, filters),
    page,
    pageSize: PAGE_SIZE,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const sortBy = (key: string) => {
    const next =
      key === sort
        ? dir === 'asc'
          ? 'desc'
          : 'asc'
        : key === 'customerId' || key === 'name' || key === 'segment'
          ? 'asc'
          : 'desc';
    go({ ...view, sort: key, dir: next, page: 1 }, false);
  };
  const setPage = (n: number) => go({ ...view, page: n }, false);
  const exportAll = async (): Promise<ExportRows> => {
    const rows: ExportRows['rows'] = [];
    let total = Infinity;
    for (let p = 1; (p - 1) * EXPORT_PAGE < total; p++) {
      const got = await getJson<CustomerPage>(
        '/api/customers',
        {
          ...apiParams(view, filters),
          page: p,
          pageSize: EXPORT_PAGE,
        },
        lang,
      );
      total = got.total;
      if (total > EXPORT_MAX_ROWS)
        throw new Error(
          text(lang, 'exportTooMany', {
            total: formatCount(total, lang),
            max: formatCount(EXPORT_MAX_ROWS, lang),
          }),
        );
      for (const r of got.rows) {
        rows.push([
          { text: r.customerId },
          r.name === null ? null : { text: r.name },
          r.segment === null ? null : { text: r.segment },
          ...[r.netSales, r.grossMargin, r.costToServe, r.contribution].map((v) => ({ number: v })),
        ]);
      }
    }
    return { head: COLUMNS.map((c) => t(c.label)), rows };
  };
  return (
    <div className="page" data-testid="customers">
      <h1>{t('customers')}</h1>
      <div className="filters">
        <input
          type="search"
          placeholder={t('search')}
          value={typed}
          data-testid="customer-search"
          onChange={(e) => setTyped(e.target.value)}
        />
        <label>
          <input
            type="checkbox"
            checked={lossMaking}
            data-testid="loss-only"
            onChange={(e) => go({ ...view, lossMaking: e.target.checked, page: 1 }, false)}
          />{' '}
          {t('onlyLossMakers')}
        </label>
        {[
          segment,
          vocQuadrant && quadrantName(vocQuadrant, lang),
          matrixQuadrant && quadrantName(matrixQuadrant, lang),
        ]
          .filter(Boolean)
          .map((f) => (
            <span key={f} className="chip" data-testid="filter-chip">
              {f}
            </span>
          ))}
        <ExportButtons target="customer-table" name="customers" all={exportAll} />
      </div>
      <table
        className="grid"
        data-testid="customer-table"
        data-state={loading ? 'loading' : 'ready'}
        data-page={data?.page ?? ''}
      >
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
            <tr
              key={r.customerId}
              data-testid="customer-row"
              onClick={() => (window.location.hash = `#/customers/${encodeURIComponent(r.customerId)}`)}
            >
              <td>
                <a href={`#/customers/${encodeURIComponent(r.customerId)}`}>{r.customerId}</a>
              </td>
              <td>{r.name}</td>
              <td>{shownValue(lang, r.segment)}</td>
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
      {/* A refusal (not analysed yet) has no pages: no "page 1 of 1 (0 customers)" under it. */}
      {!(error && !data) && (
        <div className="pager">
          <button
            type="button"
            data-testid="page-prev"
            disabled={page <= 1}
            onClick={() => setPage(page - 1)}
          >
            {t('previous')}
          </button>
          <span data-testid="page-info">
            {t('pageOf', {
              page: formatCount(page, lang),
              pages: formatCount(pages, lang),
              total: formatCount(data?.total ?? 0, lang),
            })}
          </span>
          <button
            type="button"
            data-testid="page-next"
            disabled={page >= pages}
            onClick={() => setPage(page + 1)}
          >
            {t('next')}
          </button>
        </div>
      )}
    </div>
  );
}
