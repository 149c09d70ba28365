/** Segments: a roll-up by any customer attribute, deciles, the profitability matrix and the voice of the customer with drill-down. */
import { useMemo, useState } from 'react';
import {
  chartWord,
  formatCount,
  formatMoney,
  formatShare,
  quadrantName,
  vocOption,
} from '../../charts/index.ts';
import { Chart } from '../Chart.tsx';
import { ExportButtons } from '../ExportButtons.tsx';
import { useApi } from '../api.ts';
import { filterParams, NotFiltered, useFilters } from '../filters.tsx';
import { attributeName, shownValue, useLang } from '../i18n.ts';
import { useCurrency } from '../meta.ts';
import type { TableRow } from '../types.ts';
import { GroupCustomers } from './ProductMargin.tsx';
import { SegmentDrillPanel } from './SegmentDrillPanel.tsx';
import { Status } from './parts.tsx';

/** The Segments page. */
export function SegmentsPage() {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const [attribute, setAttribute] = useState('segment');
  // The segment whose figure is drilled to its source rows (null: none open).
  const [drilled, setDrilled] = useState<string | null>(null);
  const attributes = useApi<string[]>('/api/attributes');
  const filters = useFilters();
  const rollup = useApi<TableRow[]>('/api/rollups', { attribute, ...filterParams(filters) });
  const deciles = useApi<TableRow[]>('/api/deciles', filterParams(filters));
  const matrix = useApi<{ quadrants: TableRow[] }>('/api/matrix');
  const voc = useApi<TableRow[]>('/api/voice-of-customer');
  const vocChart = useMemo(
    () =>
      voc.data
        ? vocOption(
            voc.data.map((r) => ({
              quadrant: String(r.quadrant),
              segment: r.segment == null ? null : String(r.segment),
              customers: Number(r.customers),
              contribution: String(r.contribution ?? '0'),
              meanSatisfaction: r.mean_satisfaction == null ? null : Number(r.mean_satisfaction),
            })),
            lang,
            currency,
          )
        : null,
    [voc.data, lang, currency],
  );
  const money = (v: unknown) => formatMoney(String(v ?? '0'), lang, currency, 0);
  const count = (v: unknown) => formatCount(Number(v ?? 0), lang);
  const drill = (param: string, value: string, more: Record<string, string> = {}) =>
    `#/customers?${new URLSearchParams({ [param]: value, ...more })}`;
  return (
    <div className="page" data-testid="segments">
      <h1>{t('segments')}</h1>
      <div className="card">
        <h2>
          {t('rollupBy')}{' '}
          <select
            value={attribute}
            onChange={(e) => {
              setAttribute(e.target.value);
              setDrilled(null);
            }}
            data-testid="rollup-attribute"
          >
            {(attributes.data ?? ['segment']).map((a) => (
              <option key={a} value={a}>
                {attributeName(lang, a)}
              </option>
            ))}
          </select>
        </h2>
        <ExportButtons target="rollup-table" name={`rollup-${attribute}`} />
        {rollup.data ? (
          <table className="grid" data-testid="rollup-table">
            <thead>
              <tr>
                <th>{t('value')}</th>
                <th className="num">{t('customers')}</th>
                <th className="num">{t('lossMakers')}</th>
                <th className="num">{t('netSales')}</th>
                <th className="num">{t('costToServe')}</th>
                <th className="num">{t('contribution')}</th>
              </tr>
            </thead>
            <tbody>
              {rollup.data.map((r) => (
                <tr key={String(r.value)}>
                  <td>
                    {attribute === 'segment' ? (
                      <a href={drill('segment', String(r.value))}>
                        {shownValue(lang, String(r.value ?? ''))}
                      </a>
                    ) : (
                      shownValue(lang, String(r.value ?? ''))
                    )}
                  </td>
                  <td className="num" data-value={String(r.customers ?? '')}>
                    {count(r.customers)}
                  </td>
                  <td className="num" data-value={String(r.loss_making_customers ?? '')}>
                    {count(r.loss_making_customers)}
                  </td>
                  <td className="num" data-value={String(r.net_sales ?? '')} data-testid="rollup-net-sales">
                    {attribute === 'segment' && r.value != null && r.value !== '(none)' ? (
                      <button
                        type="button"
                        className="link"
                        onClick={() => setDrilled(String(r.value))}
                        data-testid="segment-drill-open"
                      >
                        {money(r.net_sales)}
                      </button>
                    ) : (
                      money(r.net_sales)
                    )}
                  </td>
                  <td className="num" data-value={String(r.cost_to_serve ?? '')}>
                    {money(r.cost_to_serve)}
                  </td>
                  <td
                    className={`num${Number(r.contribution) < 0 ? ' bad' : ''}`}
                    data-value={String(r.contribution ?? '')}
                  >
                    {money(r.contribution)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Status error={rollup.error} />
        )}
        {attribute === 'segment' && <p className="muted">{t('segmentDrillHint')}</p>}
      </div>
      {drilled !== null && attribute === 'segment' && (
        <SegmentDrillPanel
          key={`${drilled}?${JSON.stringify(filterParams(filters))}`}
          segment={drilled}
          filters={filters}
          onClose={() => setDrilled(null)}
        />
      )}
      <LinesCard money={money} count={count} />
      <div className="card">
        <h2>{t('deciles')}</h2>
        <ExportButtons target="decile-table" name="deciles" />
        {deciles.data ? (
          <table className="grid" data-testid="decile-table">
            <thead>
              <tr>
                <th>{t('decile')}</th>
                <th className="num">{t('customers')}</th>
                <th className="num">{t('netSales')}</th>
                <th className="num">{t('costToServe')}</th>
                <th className="num">{t('contribution')}</th>
              </tr>
            </thead>
            <tbody>
              {deciles.data.map((r) => (
                <tr key={String(r.decile)}>
                  <td>{String(r.decile)}</td>
                  <td className="num" data-value={String(r.customers ?? '')}>
                    {count(r.customers)}
                  </td>
                  <td className="num" data-value={String(r.net_sales ?? '')}>
                    {money(r.net_sales)}
                  </td>
                  <td className="num" data-value={String(r.cost_to_serve ?? '')}>
                    {money(r.cost_to_serve)}
                  </td>
                  <td
                    className={`num${Number(r.contribution) < 0 ? ' bad' : ''}`}
                    data-value={String(r.contribution ?? '')}
                  >
                    {money(r.contribution)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Status error={deciles.error} />
        )}
      </div>
      <div className="charts">
        <div className="card">
          <h2>{t('matrix')}</h2>
          <NotFiltered part />
          {matrix.data && <MatrixGrid rows={matrix.data.quadrants} money={money} count={count} />}
          <ExportButtons target="matrix-table" name="profitability-matrix" />
          {matrix.data ? (
            <table className="grid" data-testid="matrix-table">
              <thead>
                <tr>
                  <th>{t('quadrants')}</th>
                  <th className="num">{t('customers')}</th>
                  <th className="num">{t('contribution')}</th>
                </tr>
              </thead>
              <tbody>
                {matrix.data.quadrants.map((r) => (
                  <tr key={String(r.quadrant)}>
                    <td>
                      <a href={drill('matrixQuadrant', String(r.quadrant))}>
                        {quadrantName(String(r.quadrant), lang)}
                      </a>
                    </td>
                    <td className="num" data-value={String(r.customers ?? '')}>
                      {count(r.customers)}
                    </td>
                    <td
                      className={`num${Number(r.contribution) < 0 ? ' bad' : ''}`}
                      data-value={String(r.contribution ?? '')}
                    >
                      {money(r.contribution)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Status error={matrix.error} />
          )}
        </div>
        <div className="card">
          <h2>{t('voiceOfCustomer')}</h2>
          <NotFiltered part />
          {vocChart && <Chart option={vocChart} height={360} testId="voc-chart" />}
          <ExportButtons target="voc-table" name="voice-of-the-customer" />
          {voc.data ? (
            <table className="grid" data-testid="voc-table">
              <thead>
                <tr>
                  <th>{t('quadrants')}</th>
                  <th>{t('segment')}</th>
                  <th className="num">{t('customers')}</th>
                  <th className="num">{t('satisfaction')}</th>
                  <th className="num">{t('contribution')}</th>
                </tr>
              </thead>
              <tbody>
                {voc.data.map((r) => (
                  <tr key={`${String(r.quadrant)}/${String(r.segment)}`}>
                    <td>
                      <a
                        href={drill(
                          'vocQuadrant',
                          String(r.quadrant),
                          r.segment == null ? {} : { segment: String(r.segment) },
                        )}
                        data-testid="voc-drill"
                      >
                        {quadrantName(String(r.quadrant), lang)}
                      </a>
                    </td>
                    <td>{shownValue(lang, r.segment == null ? null : String(r.segment))}</td>
                    <td className="num" data-value={String(r.customers ?? '')}>
                      {count(r.customers)}
                    </td>
                    <td
                      className="num"
                      data-value={r.mean_satisfaction == null ? '' : String(r.mean_satisfaction)}
                    >
                      {r.mean_satisfaction == null ? '–' : formatShare(Number(r.mean_satisfaction), lang, 0)}
                    </td>
                    <td
                      className={`num${Number(r.contribution) < 0 ? ' bad' : ''}`}
                      data-value={String(r.contribution ?? '')}
                    >
                      {money(r.contribution)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Status error={voc.error} />
          )}
        </div>
      </div>
    </div>
  );
}

/** The matrix's four quadrants where Shapiro et al. draw them: net price realisation up, cost to serve as a share of net sales to the right. */
const MATRIX_CELLS = [
  ['passive', 'carriage trade'],
  ['bargain basement', 'aggressive'],
] as const;

/** The profitability matrix as its 2x2: each quadrant's customers and contribution in its place. */
function MatrixGrid({
  rows,
  money,
  count,
}: {
  rows: TableRow[];
  money: (v: unknown) => string;
  count: (v: unknown) => string;
}) {
  const { t, lang } = useLang();
  const byQuadrant = new Map(rows.map((r) => [String(r.quadrant), r]));
  return (
    <div className="matrix-grid" data-testid="matrix-grid">
      <div className="matrix-y">{t('matrixPriceAxis')} ↑</div>
      {MATRIX_CELLS.flat().map((q) => {
        const r = byQuadrant.get(q);
        return (
          <div key={q} className="matrix-cell" data-testid="matrix-cell" data-quadrant={q}>
            <strong>{quadrantName(q, lang)}</strong>
            <span data-testid="matrix-cell-customers">{r ? count(r.customers) : count(0)}</span>
            <span className={r && Number(r.contribution) < 0 ? 'bad' : ''}>
              {r ? money(r.contribution) : '–'}
            </span>
          </div>
        );
      })}
      <div className="matrix-x">{t('matrixCostAxis')} →</div>
      {/* Customers the matrix cannot place (no net sales): below it, not in a quadrant. */}
      {rows
        .filter(
          (r) => !MATRIX_CELLS.flat().includes(String(r.quadrant) as (typeof MATRIX_CELLS)[number][number]),
        )
        .map((r) => (
          <div
            key={String(r.quadrant)}
            className="matrix-cell matrix-outside"
            data-testid="matrix-cell"
            data-quadrant={String(r.quadrant)}
          >
            <strong>{quadrantName(String(r.quadrant), lang)}</strong>
            <span data-testid="matrix-cell-customers">{count(r.customers)}</span>
            <span className={Number(r.contribution) < 0 ? 'bad' : ''}>{money(r.contribution)}</span>
          </div>
        ))}
    </div>
  );
}

/** Invoiced sales and margin from the order lines by product group or order channel; a click on a group lists its customers. */
function LinesCard({ money, count }: { money: (v: unknown) => string; count: (v: unknown) => string }) {
  const { t, lang } = useLang();
  const [by, setBy] = useState<'productGroups' | 'channels'>('productGroups');
  const [group, setGroup] = useState<string | null>(null);
  // The global filters narrow the lines too (on the server, from the lines cube).
  const filters = useFilters();
  const lines = useApi<{ productGroups: TableRow[]; channels: TableRow[] }>(
    '/api/lines',
    filterParams(filters),
  );
  const rows = lines.data?.[by] ?? null;
  const key = by === 'productGroups' ? 'product_group' : 'channel';
  return (
    <div className="card">
      <h2>
        {t('linesByTitle')}{' '}
        <select
          value={by}
          onChange={(e) => {
            setBy(e.target.value === 'channels' ? 'channels' : 'productGroups');
            setGroup(null);
          }}
          data-testid="lines-by"
        >
          <option value="productGroups">{t('linesByProductGroup')}</option>
          <option value="channels">{t('linesByChannel')}</option>
        </select>
      </h2>
      <ExportButtons
        target="lines-table"
        name={by === 'productGroups' ? 'product-groups' : 'order-channels'}
      />
      {rows ? (
        <table className="grid" data-testid="lines-table">
          <thead>
            <tr>
              <th>{by === 'productGroups' ? t('productGroupColumn') : t('linesByChannel')}</th>
              <th className="num">{t('orderLinesColumn')}</th>
              <th className="num">{t('invoicedSalesColumn')}</th>
              <th className="num">{chartWord('cogs', lang)}</th>
              <th className="num">{t('marginColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={String(r[key])} data-testid="lines-row" data-margin={String(r.invoiced_margin ?? '')}>
                <td>
                  {by === 'productGroups' && r[key] !== '(none)' ? (
                    <button type="button" className="link" onClick={() => setGroup(String(r[key]))}>
                      {shownValue(lang, String(r[key] ?? ''))}
                    </button>
                  ) : (
                    shownValue(lang, String(r[key] ?? ''))
                  )}
                </td>
                <td className="num" data-value={String(r.order_lines ?? '')}>
                  {count(r.order_lines)}
                </td>
                <td className="num" data-value={String(r.invoiced_sales ?? '')}>
                  {money(r.invoiced_sales)}
                </td>
                <td className="num" data-value={String(r.cogs ?? '')}>
                  {money(r.cogs)}
                </td>
                <td
                  className={`num${Number(r.invoiced_margin) < 0 ? ' bad' : ''}`}
                  data-value={String(r.invoiced_margin ?? '')}
                >
                  {money(r.invoiced_margin)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Status error={lines.error} />
      )}
      <p className="muted">{t('linesNote')}</p>
      {group !== null && by === 'productGroups' && <GroupCustomers group={group} filters={filters} />}
    </div>
  );
}
