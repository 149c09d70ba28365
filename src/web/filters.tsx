/**
 * The global filters (period from / to month, segment, channel, region) and the filter bar
 * shown on every page. They live in the address's query string (`/?from=2024-03&region=Zuid#/customers`),
 * before the page's hash route, so moving between pages keeps them, a shared link or a reload
 * brings them back, and back / forward step through changes of them. Pages send them to the
 * server with every read they narrow ({@link filterParams}); a page or part they cannot narrow
 * says so ({@link NotFiltered}).
 */
import { createContext, useContext, useEffect, useState } from 'react';
import { useApi } from './api.ts';
import { attributeName, shownValue, useLang } from './i18n.ts';

/** The filters as the address holds them; absent: not filtered. Months are `YYYY-MM`. */
export interface Filters {
  from?: string;
  to?: string;
  segment?: string;
  channel?: string;
  region?: string;
}

/** The customer attributes the bar offers, when the workspace has them. */
const ATTRIBUTES = ['segment', 'channel', 'region'] as const;
const KEYS = ['from', 'to', ...ATTRIBUTES] as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The filters in the address's query string (malformed months are left out, never sent). */
export function readFilters(search: string = window.location.search): Filters {
  const p = new URLSearchParams(search);
  const f: Filters = {};
  for (const k of KEYS) {
    const v = p.get(k);
    if (!v) continue;
    if ((k === 'from' || k === 'to') && !MONTH.test(v)) continue;
    f[k] = v;
  }
  // A first month after the last is not sent (the bar says why).
  if (f.from && f.to && f.from > f.to) {
    delete f.from;
    delete f.to;
  }
  return f;
}

/** Whether any filter is set. */
export function isFiltered(f: Filters): boolean {
  return Object.keys(f).length > 0;
}

/** The filters as API parameters (for `useApi` and `getJson`). */
export function filterParams(f: Filters): Record<string, string | undefined> {
  return { from: f.from, to: f.to, segment: f.segment, channel: f.channel, region: f.region };
}

/** Sets the filters (empty values left out): a new history entry with the page's hash route unchanged. */
function setFilters(values: Partial<Record<(typeof KEYS)[number], string>>): void {
  const p = new URLSearchParams();
  for (const k of KEYS) {
    const v = values[k];
    if (v) p.set(k, v);
  }
  const url = new URL(window.location.href);
  url.search = p.toString();
  if (url.search === window.location.search) return;
  // The whole address, not a path: a path of `//` would be read as another host.
  history.pushState(null, '', url.href);
  // pushState tells nobody: the app follows its own event as well as popstate (back / forward).
  window.dispatchEvent(new Event(FILTERS_EVENT));
}

const FILTERS_EVENT = 'worth-filters';

/** React hook for the app: the address's query string, followed through pushes, back and forward. */
export function useAddressSearch(): string {
  const [search, setSearch] = useState(window.location.search);
  useEffect(() => {
    const on = () => setSearch(window.location.search);
    window.addEventListener('popstate', on);
    window.addEventListener(FILTERS_EVENT, on);
    return () => {
      window.removeEventListener('popstate', on);
      window.removeEventListener(FILTERS_EVENT, on);
    };
  }, []);
  return search;
}

/** The filters of the page (provided by the app from the address). */
export const FiltersContext = createContext<Filters>({});

/** The filters of the page. */
export function useFilters(): Filters {
  return useContext(FiltersContext);
}

/** The filters in words: `from 2024-03, to 2024-06, segment: Retail`. */
export function useFiltersText(): string {
  const { lang, t } = useLang();
  const f = useFilters();
  const parts: string[] = [];
  if (f.from) parts.push(t('filterFromMonth', { month: f.from }));
  if (f.to) parts.push(t('filterToMonth', { month: f.to }));
  for (const a of ATTRIBUTES) {
    const v = f[a];
    if (v) parts.push(`${attributeName(lang, a)}: ${shownValue(lang, v)}`);
  }
  return parts.join(', ');
}

/** Said on a page or part the filters do not narrow (nothing when no filter is set). */
export function NotFiltered({ part = false }: { part?: boolean }) {
  const { t } = useLang();
  const f = useFilters();
  const shown = useFiltersText();
  if (!isFiltered(f)) return null;
  return (
    <p className="notice" data-testid={part ? 'not-filtered-part' : 'not-filtered'}>
      {part ? t('notFilteredPart') : t('notFilteredPage', { filters: shown })}
    </p>
  );
}

/** Said on a page the filters narrow (nothing when no filter is set). */
export function FilteredNote() {
  const { t } = useLang();
  const f = useFilters();
  const shown = useFiltersText();
  if (!isFiltered(f)) return null;
  return (
    <p className="muted" data-testid="filtered-by">
      {t('filteredBy', { filters: shown })}
    </p>
  );
}

/** The filter bar: two months and a choice per customer attribute the workspace has. */
export function FilterBar() {
  const { t } = useLang();
  const f = useFilters();
  const raw = new URLSearchParams(window.location.search);
  const badRange = Boolean(raw.get('from') && raw.get('to') && raw.get('from')! > raw.get('to')!);
  const attributes = useApi<string[]>('/api/attributes');
  const offered = ATTRIBUTES.filter((a) => attributes.data?.includes(a));
  const set = (key: (typeof KEYS)[number], value: string) => {
    const next: Record<string, string> = {};
    for (const k of KEYS) next[k] = raw.get(k) ?? '';
    next[key] = value;
    setFilters(next);
  };
  return (
    <div className="filters filter-bar" data-testid="filter-bar" aria-label={t('filterBar')}>
      <label>
        {t('filterFrom')}{' '}
        <input
          type="month"
          value={raw.get('from') ?? ''}
          onChange={(e) => set('from', e.target.value)}
          data-testid="filter-from"
        />
      </label>
      <label>
        {t('filterTo')}{' '}
        <input
          type="month"
          value={raw.get('to') ?? ''}
          onChange={(e) => set('to', e.target.value)}
          data-testid="filter-to"
        />
      </label>
      {offered.map((a) => (
        <AttributeChoice key={a} attribute={a} value={f[a] ?? ''} onChange={(v) => set(a, v)} />
      ))}
      {isFiltered(f) || badRange ? (
        <button type="button" onClick={() => setFilters({})} data-testid="filter-clear">
          {t('filterClear')}
        </button>
      ) : null}
      {badRange ? (
        <span className="error" role="alert" data-testid="filter-bad-range">
          {t('filterBadRange')}
        </span>
      ) : null}
    </div>
  );
}

function AttributeChoice({
  attribute,
  value,
  onChange,
}: {
  attribute: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const { lang, t } = useLang();
  // The values come from the stored roll-up by the attribute (every value a customer has).
  const values = useApi<{ value: string }[]>('/api/rollups', { attribute });
  const options = (values.data ?? [])
    .map((r) => String(r.value))
    .filter((v) => v !== '(none)')
    .sort((a, b) => a.localeCompare(b));
  if (value && !options.includes(value)) options.unshift(value);
  return (
    <label>
      {attributeName(lang, attribute)}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={`filter-${attribute}`}>
        <option value="">{t('filterAny')}</option>
        {options.map((v) => (
          <option key={v} value={v}>
            {shownValue(lang, v)}
          </option>
        ))}
      </select>
    </label>
  );
}
