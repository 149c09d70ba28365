/**
 * Product group x customer margin on the customer page: the customer's margin by product group,
 * bridged to its gross margin (returns and rebates are rows of their own), and, for a clicked
 * group, that group's customers by margin with the rest and the lines without a customer.
 */
import { ExportButtons } from '../ExportButtons.tsx';
import { useState } from 'react';
import { formatCount, formatMoney } from '../../charts/index.ts';
import { useApi } from '../api.ts';
import { filterParams, useFilters, type Filters } from '../filters.tsx';
import { shownValue, useLang } from '../i18n.ts';
import { useCurrency } from '../meta.ts';
import type { CustomerProducts, ProductGroupCustomers } from '../types.ts';
import { Status } from './parts.tsx';

/** The customer's margin by product group; a click on a group shows its customers. */
export function CustomerProductMargin({ id }: { id: string }) {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const [group, setGroup] = useState<string | null>(null);
  // The global filters' period narrows the table (on the server); one customer's attributes do not.
  const { from, to } = useFilters();
  const { data, error } = useApi<CustomerProducts>(`/api/customers/${encodeURIComponent(id)}/products`, {
    from,
    to,
  });
  const period = [
    ...(data?.period?.from ? [t('filterFromMonth', { month: data.period.from })] : []),
    ...(data?.period?.to ? [t('filterToMonth', { month: data.period.to })] : []),
  ].join(', ');
  const money = (v: string) => formatMoney(v, lang, currency);
  const cell = (v: string) => (
    <td className={`num${Number(v) < 0 ? ' bad' : ''}`} data-value={v}>
      {money(v)}
    </td>
  );
  return (
    <div className="card" data-testid="product-margin">
      <h2>{t('productMarginTitle')}</h2>
      {!data ? (
        <Status error={error} />
      ) : (
        <>
          <ExportButtons target="product-margin-table" name="product-margin" />
          <table className="grid" data-testid="product-margin-table">
            <thead>
              <tr>
                <th>{t('productGroupColumn')}</th>
                <th className="num">{t('orderLinesColumn')}</th>
                <th className="num">{t('invoicedSalesColumn')}</th>
                <th className="num">{t('marginColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {data.groups.map((g) => (
                <tr key={g.productGroup} data-testid="product-margin-row" data-margin={g.margin}>
                  <td>
                    <button type="button" className="link" onClick={() => setGroup(g.productGroup)}>
                      {shownValue(lang, g.productGroup)}
                    </button>
                  </td>
                  <td className="num">{formatCount(g.lines, lang)}</td>
                  {cell(g.invoicedSales)}
                  {cell(g.margin)}
                </tr>
              ))}
              <tr data-testid="product-margin-row" data-margin={data.returnsMargin}>
                <td colSpan={3}>{t('returnsNotByProduct')}</td>
                {cell(data.returnsMargin)}
              </tr>
              <tr data-testid="product-margin-row" data-margin={data.rebatesMargin}>
                <td colSpan={3}>{t('rebatesNotByProduct')}</td>
                {cell(data.rebatesMargin)}
              </tr>
            </tbody>
            <tfoot>
              <tr data-testid="product-margin-total" data-margin={data.grossMargin}>
                <th colSpan={3}>{t('grossMargin')}</th>
                <th className="num">{money(data.grossMargin)}</th>
              </tr>
            </tfoot>
          </table>
          <p className="muted">{t('productMarginNote')}</p>
          {period && (
            <p className="muted" data-testid="product-margin-period">
              {t('productMarginPeriod', { period })}
            </p>
          )}
        </>
      )}
      {group !== null && <GroupCustomers group={group} filters={{ from, to }} />}
    </div>
  );
}

/**
 * A product group's customers by margin (top 20, the rest, the lines without a customer), under
 * `filters` where given (the segments page's global filters; the customer page's period).
 */
export function GroupCustomers({ group, filters }: { group: string; filters?: Filters }) {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const { data, error } = useApi<ProductGroupCustomers>(
    `/api/product-groups/${encodeURIComponent(group)}/customers`,
    filters ? filterParams(filters) : {},
  );
  const money = (v: string) => formatMoney(v, lang, currency);
  return (
    <div data-testid="product-customers" data-group={group} data-total={data?.total ?? ''}>
      <h3>{t('productCustomersTitle', { group: shownValue(lang, group) })}</h3>
      {!data ? (
        <Status error={error} />
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('customerId')}</th>
              <th>{t('name')}</th>
              <th className="num">{t('orderLinesColumn')}</th>
              <th className="num">{t('marginColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {data.customers.map((c) => (
              <tr key={c.customerId} data-testid="product-customer-row" data-margin={c.margin}>
                <td>
                  <a href={`#/customers/${encodeURIComponent(c.customerId)}`}>{c.customerId}</a>
                </td>
                <td>{c.name ?? ''}</td>
                <td className="num">{formatCount(c.lines, lang)}</td>
                <td className="num">{money(c.margin)}</td>
              </tr>
            ))}
            {data.others.customers > 0 && (
              <tr>
                <td colSpan={3}>
                  {t('productOtherCustomers', { customers: formatCount(data.others.customers, lang) })}
                </td>
                <td className="num">{money(data.others.margin)}</td>
              </tr>
            )}
            {Number(data.unattributed) !== 0 && (
              <tr>
                <td colSpan={3}>{t('productWithoutCustomer')}</td>
                <td className="num">{money(data.unattributed)}</td>
              </tr>
            )}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={3}>{t('total')}</th>
              <th className="num">{money(data.total)}</th>
            </tr>
          </tfoot>
        </table>
      )}
    </div>
  );
}
