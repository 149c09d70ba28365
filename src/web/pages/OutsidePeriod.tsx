/** The warning that the data has order lines outside the period worth.yaml sets (they are in every total). */
import { formatCount, formatDate, formatMoney } from '../../charts/index.ts';
import { useLang } from '../i18n.ts';
import { useCurrency } from '../meta.ts';
import type { AnalysisResult } from '../types.ts';

/** Nothing when every order line falls in the period (or the summary predates the check). */
export function OutsidePeriodNotice({ summary }: { summary: AnalysisResult }) {
  const { lang, t } = useLang();
  const currency = useCurrency();
  const out = summary.dataPeriod?.outside;
  if (!out) return null;
  return (
    <p className="notice" data-testid="outside-period" data-lines={out.lines} data-net-sales={out.netSales}>
      {t('outsidePeriod', {
        lines: formatCount(out.lines, lang),
        money: formatMoney(out.netSales, lang, currency),
        first: formatDate(out.first, lang),
        last: formatDate(out.last, lang),
        start: formatDate(summary.period.start, lang),
        end: formatDate(summary.period.end, lang),
      })}
    </p>
  );
}
