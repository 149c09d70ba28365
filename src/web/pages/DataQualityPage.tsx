/** Data quality: what ingest read, loaded and rejected per table (rows and money), rejects by reason with an example, estimates, CLV fit warnings. */
import { ExportButtons } from '../ExportButtons.tsx';
import { Fragment } from 'react';
import { formatCount, formatMoney, formatShare, modelName } from '../../charts/index.ts';
import { storedClvWarningText } from '../../words/index.ts';
import { useApi } from '../api.ts';
import { useLang } from '../i18n.ts';
import { useCurrency } from '../meta.ts';
import type { DataQualityAnswer } from '../types.ts';
import { Status } from './parts.tsx';

/** The Data quality page. */
export function DataQualityPage() {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const { data, error } = useApi<DataQualityAnswer>('/api/data-quality');
  if (!data) return <Status error={error} />;
  const money = (v: string) => formatMoney(v, lang, currency);
  const count = (n: number) => formatCount(n, lang);
  const e = data.cogsEstimate;
  // Before analyze there is no estimate's amount yet, but ingest stored which rows it estimated.
  const estimatedRows = (table: string) => data.sources.find((s) => s.table === table)?.rowsEstimated ?? 0;
  const ingestEstimated = { lines: estimatedRows('order_lines'), returns: estimatedRows('returns') };
  return (
    <div className="page" data-testid="data-quality">
      <h1>{t('dataQuality')}</h1>
      <div className="card">
        <h2>{t('dqSources')}</h2>
        <ExportButtons target="dq-sources-table" name="data-quality" />
        <div className="scroll">
          <table className="grid" data-testid="dq-sources-table">
            <thead>
              <tr>
                <th>{t('dqTable')}</th>
                <th>{t('dqFiles')}</th>
                <th className="num">{t('dqRead')}</th>
                <th className="num">{t('dqLoaded')}</th>
                <th className="num">{t('dqRejected')}</th>
                <th className="num">{t('dqUnattributed')}</th>
                <th className="num">{t('dqEstimatedRows')}</th>
              </tr>
            </thead>
            <tbody>
              {/* A table with no file and nothing read (no shipments in this workspace) says nothing here, as in the report. */}
              {data.sources
                .filter((s) => s.rowsRead > 0 || s.files.length > 0)
                .map((s) => (
                  <Fragment key={s.table}>
                    <tr
                      data-testid={`dq-source-${s.table}`}
                      data-read={s.rowsRead}
                      data-loaded={s.rowsLoaded}
                      data-rejected={s.rowsRejected}
                    >
                      <td>
                        <strong>{s.table}</strong>
                      </td>
                      <td>{s.files.join(', ')}</td>
                      <td className="num">{count(s.rowsRead)}</td>
                      <td className="num">{count(s.rowsLoaded)}</td>
                      <td className={`num${s.rowsRejected > 0 ? ' bad' : ''}`}>{count(s.rowsRejected)}</td>
                      <td className="num">{count(s.rowsUnattributed)}</td>
                      <td className="num">{s.rowsEstimated ? count(s.rowsEstimated) : ''}</td>
                    </tr>
                    {s.amounts.map((a) => (
                      <tr
                        key={a.column}
                        className="muted"
                        data-testid={`dq-amount-${s.table}-${a.column}`}
                        data-read={a.read}
                        data-loaded={a.loaded}
                        data-rejected={a.rejected}
                      >
                        <td />
                        <td>{a.column}</td>
                        <td className="num">{money(a.read)}</td>
                        <td className="num">{money(a.loaded)}</td>
                        <td className={`num${a.rejected !== '0.00' ? ' bad' : ''}`}>{money(a.rejected)}</td>
                        <td />
                        <td />
                      </tr>
                    ))}
                  </Fragment>
                ))}
            </tbody>
          </table>
        </div>
        <p className="muted">
          {t('dqSourcesNote')} {t('dqUnattributedNote')}
        </p>
        {data.excluded.map((x) => (
          <p key={`${x.table} ${x.file}`} data-testid="dq-excluded">
            {t('dqExcluded', {
              table: x.table,
              file: x.file,
              n: count(x.lines),
              amount: money(x.amount ?? '0'),
              rule: x.rule,
            })}
          </p>
        ))}
      </div>
      <div className="card">
        <h2>{t('dqReasons')}</h2>
        {data.reasons === null ? (
          <p className="muted">{t('dqReasonsMissing')}</p>
        ) : data.reasons.length === 0 ? (
          <p data-testid="dq-no-rejects">{t('dqNoRejects')}</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th>{t('dqTable')}</th>
                <th>{t('dqColumn')}</th>
                <th>{t('reason')}</th>
                <th className="num">{t('dqRows')}</th>
                <th className="num">{t('dqAmount')}</th>
                <th>{t('dqExample')}</th>
              </tr>
            </thead>
            <tbody>
              {data.reasons.map((r) => (
                <tr
                  key={`${r.table}/${r.column}/${r.reason}`}
                  data-testid="dq-reason"
                  data-rows={r.rows}
                  data-amount={r.amount ?? ''}
                >
                  <td>{r.table}</td>
                  <td>{r.column}</td>
                  <td>{r.reason}</td>
                  <td className="num">{count(r.rows)}</td>
                  <td className="num">{r.amount === null ? '' : money(r.amount)}</td>
                  <td>
                    {t('dqExampleText', {
                      file: r.example.file,
                      line: String(r.example.line),
                      column: r.example.column,
                      value: r.example.value,
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="muted">{t('dqReasonsNote')}</p>
      </div>
      <div className="card">
        <h2>{t('dqEstimated')}</h2>
        <p data-testid="dq-estimated">
          {e && e.orderLines + e.returns > 0
            ? t('dqEstimatedText', {
                amount: money(e.amount),
                share: formatShare(e.share, lang, 1),
                customers: count(e.customers),
                lines: count(e.orderLines),
                returns: count(e.returns),
              })
            : !e && ingestEstimated.lines + ingestEstimated.returns > 0
              ? t('dqEstimatedByIngest', {
                  lines: count(ingestEstimated.lines),
                  returns: count(ingestEstimated.returns),
                })
              : t('dqNothingEstimated')}
        </p>
      </div>
      <div className="card">
        <h2>{t('dqClv')}</h2>
        {data.clvFits === null ? (
          <p className="muted" data-testid="dq-clv-missing">
            {t('dqClvMissing')}
          </p>
        ) : (
          <>
            <ul data-testid="dq-clv">
              {data.clvFits.map((f) => (
                <li key={f.model}>
                  <strong>{modelName(f.model)}</strong>:{' '}
                  {f.warningData
                    ? f.warningData.length
                      ? f.warningData.map((w) => storedClvWarningText(lang, w)).join('; ')
                      : t('dqNoWarnings')
                    : f.warnings.length
                      ? f.warnings.join('; ')
                      : t('dqNoWarnings')}
                </li>
              ))}
            </ul>
            {data.clvFits.some((f) => f.warningData === null && f.warnings.length > 0) && (
              <p className="muted">{t('dqWarningsEnglish')}</p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
