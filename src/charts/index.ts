/**
 * Chart definitions shared by the dashboard (ECharts in the browser) and the report (ECharts
 * rendered to SVG on the server), with the number formats and words they show in nl and en.
 * Browser code must not import `renderSvg` (svg.ts); import the definitions only.
 */
export {
  LANGS,
  locale,
  formatMoney,
  formatMoneyCompact,
  formatShare,
  formatCount,
  formatNumber,
  formatDate,
  type Lang,
} from './format.ts';
export {
  chartWord,
  activityName,
  pnlLineName,
  periodLabel,
  quadrantName,
  effectName,
  modelName,
  breakEvenPhrase,
  paybackPhrase,
  type ChartWord,
  type BreakEvenFigures,
} from './labels.ts';
export {
  waterfallSteps,
  waterfallOption,
  waterfallLabelValues,
  labelUnit,
  waterfallLabelText,
  waterfallNote,
  type ExactAmountsIn,
  type WaterfallStep,
  type WaterfallInput,
} from './waterfall.ts';
export { whaleOption, type WhaleCurvePoint } from './whale.ts';
export { whatIfWhaleOption, type MoneyWhalePoint } from './whatIf.ts';
export { vocOption, type VocGroup } from './voiceOfCustomer.ts';
export { historyOption, type HistoryMonth } from './history.ts';
export { trendOption, type TrendPoint } from './trend.ts';
export { capacityOption, type ActivityMoney } from './capacity.ts';
export {
  clvHistogramOption,
  clvDecileOption,
  pAliveOption,
  frequencyFitOption,
  trackingOption,
  type ValueBin,
} from './clv.ts';
export { jCurveOption, tornadoOption, type JCurveInput, type TornadoInput } from './scenario.ts';
export { renderSvg } from './svg.ts';
