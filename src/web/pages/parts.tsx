/** Small building blocks of the pages: a headline figure, loading/error status, a money cell. */
import type { ReactNode } from 'react';
import { useLang } from '../i18n.ts';

/** A headline figure; `data-testid="figure-<id>"` holds the formatted value. */
export function Figure({
  id,
  label,
  value,
  note,
  strong,
  bad,
}: {
  id: string;
  label: string;
  value: string;
  note?: string;
  strong?: boolean;
  bad?: boolean;
}) {
  return (
    <div className={`figure${strong ? ' strong' : ''}${bad ? ' bad' : ''}`}>
      <div className="label">{label}</div>
      <div className="value" data-testid={`figure-${id}`}>
        {value}
      </div>
      {note && (
        <div className="note" data-testid={`figure-${id}-note`}>
          {note}
        </div>
      )}
    </div>
  );
}

/** Shown while a request is under way, or its error. */
export function Status({ error }: { error: string | null }): ReactNode {
  const { t } = useLang();
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : (
    <p className="muted">{t('loading')}</p>
  );
}

/** Previous / next buttons with "page / pages" between them, for a drill's rows (nothing when one page holds them all). */
export function Pager({
  page,
  pages,
  onPage,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}): ReactNode {
  const { t } = useLang();
  if (pages <= 1) return null;
  return (
    <p className="pager">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('previous')}
      </button>{' '}
      {page} / {pages}{' '}
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('next')}
      </button>
    </p>
  );
}
