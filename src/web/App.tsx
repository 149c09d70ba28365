/** The dashboard shell: navigation, language switch and hash routes. */
import { useEffect, useMemo, useState, type ReactElement } from 'react';
import type { Lang } from '../charts/index.ts';
import { GenerationContext, useApi, useServedGeneration } from './api.ts';
import { LangContext, text } from './i18n.ts';
import { CurrencyContext, WorkspaceContext } from './meta.ts';
import { CostModelPage } from './pages/CostModelPage.tsx';
import { CustomerPage } from './pages/CustomerPage.tsx';
import { CustomersPage } from './pages/CustomersPage.tsx';
import { LifetimeValuePage } from './pages/LifetimeValuePage.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { ScenariosPage } from './pages/ScenariosPage.tsx';
import { SegmentsPage } from './pages/SegmentsPage.tsx';
import { TrendsPage } from './pages/TrendsPage.tsx';
import { DataQualityPage } from './pages/DataQualityPage.tsx';
import {
  FilterBar,
  FilteredNote,
  FiltersContext,
  NotFiltered,
  readFilters,
  useAddressSearch,
} from './filters.tsx';

const LANG_KEY = 'worth.lang';

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash || '#/');
  useEffect(() => {
    const on = () => setHash(window.location.hash || '#/');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function route(hash: string) {
  const [p, query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const parts = (p ?? '/').split('/').filter(Boolean);
  // Pages the global filters narrow say which filters hold; the others say that they do not apply.
  const narrowed = (page: ReactElement) => (
    <>
      <FilteredNote />
      {page}
    </>
  );
  const whole = (page: ReactElement) => (
    <>
      <NotFiltered />
      {page}
    </>
  );
  if (parts[0] === 'customers' && parts[1]) return whole(<CustomerPage id={decodeURIComponent(parts[1])} />);
  if (parts[0] === 'customers') return narrowed(<CustomersPage initial={params} />);
  if (parts[0] === 'segments') return narrowed(<SegmentsPage />);
  if (parts[0] === 'trends') return narrowed(<TrendsPage initial={params} />);
  if (parts[0] === 'data-quality') return whole(<DataQualityPage />);
  if (parts[0] === 'costs') return whole(<CostModelPage />);
  if (parts[0] === 'lifetime-value') return whole(<LifetimeValuePage />);
  if (parts[0] === 'scenarios') return whole(<ScenariosPage />);
  return narrowed(<OverviewPage />);
}

/** The whole dashboard. */
export function App() {
  // The user's own choice (kept in the browser) wins; otherwise worth.yaml's language.
  const [chosen, setChosen] = useState<Lang | null>(() => {
    const saved = localStorage.getItem(LANG_KEY);
    return saved === 'en' || saved === 'nl' ? saved : null;
  });
  const hash = useHash();
  const search = useAddressSearch();
  const filters = useMemo(() => readFilters(search), [search]);
  const served = useServedGeneration();
  const [dismissed, setDismissed] = useState<Date | null>(null);
  const meta = useApi<{ currency: string; company: string | null; language: Lang; workspace: string }>(
    '/api/meta',
  );
  const lang: Lang = chosen ?? meta.data?.language ?? 'nl';
  const setLang = (l: Lang) => {
    localStorage.setItem(LANG_KEY, l);
    setChosen(l);
  };
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = meta.data?.company ? `${meta.data.company} · Worth` : 'Worth';
  }, [lang, meta.data?.company]);
  const section = hash.replace(/^#\/?/, '').split(/[/?]/)[0] || 'overview';
  const nav: [
    string,
    string,
    (
      | 'overview'
      | 'customers'
      | 'segments'
      | 'trends'
      | 'dataQuality'
      | 'costModel'
      | 'lifetimeValue'
      | 'scenarios'
    ),
  ][] = [
    ['overview', '#/', 'overview'],
    ['customers', '#/customers', 'customers'],
    ['segments', '#/segments', 'segments'],
    ['trends', '#/trends', 'trends'],
    ['costs', '#/costs', 'costModel'],
    ['lifetime-value', '#/lifetime-value', 'lifetimeValue'],
    ['scenarios', '#/scenarios', 'scenarios'],
    ['data-quality', '#/data-quality', 'dataQuality'],
  ];
  return (
    <LangContext.Provider value={lang}>
      <CurrencyContext.Provider value={meta.data?.currency ?? 'EUR'}>
        <WorkspaceContext.Provider value={meta.data?.workspace ?? ''}>
          <header className="top">
            <strong className="brand">Worth</strong>
            {meta.data?.company ? (
              <span className="company" data-testid="company">
                {meta.data.company}
              </span>
            ) : null}
            <nav>
              {nav.map(([id, href, key]) => (
                <a key={id} href={href} className={section === id ? 'active' : ''} data-testid={`nav-${id}`}>
                  {text(lang, key)}
                </a>
              ))}
            </nav>
            <button
              type="button"
              data-testid="lang-switch"
              onClick={() => setLang(lang === 'nl' ? 'en' : 'nl')}
            >
              {text(lang, 'language')}
            </button>
          </header>
          {served.changedAt && served.changedAt !== dismissed ? (
            <div className="notice" role="status" data-testid="figures-updated">
              {text(lang, 'figuresUpdated', {
                time: served.changedAt.toLocaleTimeString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
                  hour: '2-digit',
                  minute: '2-digit',
                }),
              })}{' '}
              <button type="button" onClick={() => setDismissed(served.changedAt)}>
                {text(lang, 'dismiss')}
              </button>
            </div>
          ) : null}
          <GenerationContext.Provider value={served.generation}>
            <FiltersContext.Provider value={filters}>
              {meta.data || meta.error ? <FilterBar /> : null}
              <main>{meta.data || meta.error ? route(hash) : null}</main>
            </FiltersContext.Provider>
          </GenerationContext.Provider>
        </WorkspaceContext.Provider>
      </CurrencyContext.Provider>
    </LangContext.Provider>
  );
}
