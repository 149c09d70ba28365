/**
 * The words catalogue: every text the dashboard, the report, the charts and the CLI show, in
 * Dutch and English. Each part is checked with `satisfies Catalogue`, so a key without its
 * Dutch (or English) text does not compile. No Node or browser imports: both sides use it.
 */
export { LANGS, locale, type Lang } from './lang.ts';
export { fill, shellWord, type Bilingual, type Catalogue } from './catalogue.ts';
export { DASHBOARD_WORDS } from './dashboard.ts';
export { REPORT_WORDS } from './report.ts';
export { CHART_WORDS, SCALE_WORDS } from './charts.ts';
export { CLI_WORDS, cliWord, cliHeader, type CliWord } from './cli.ts';
export {
  INIT_WORDS,
  initWord,
  initText,
  initAmount,
  bilingual,
  type InitWord,
  type InitVars,
} from './initWords.ts';
export {
  RECORD_WORDS,
  recordWord,
  REJECTS_COLUMN_WORDS,
  rejectsHeader,
  rejectColumnText,
  type RejectGroup,
  type RejectsColumn,
} from './recordWords.ts';
export {
  ERROR_WORDS,
  errorText,
  notValidText,
  placeText,
  type ErrorWord,
  type ErrorVar,
  type ErrorText,
  type PlaceWords,
} from './errors.ts';
export {
  REJECT_WORDS,
  READ_WORDS,
  readReason,
  type ReadText,
  rejectReason,
  duplicateKeyKind,
  duplicateKeyElsewhere,
  duplicateKeyElsewhereKind,
  orderInTwoFilesKind,
  type RejectCode,
  type RejectText,
} from './rejects.ts';
export {
  ACTIVITY_WORDS,
  activityName,
  QUADRANT_WORDS,
  EFFECT_WORDS,
  BEHAVIOUR_WORDS,
  BASIS_WORDS,
  BREAK_EVEN_WORDS,
  ATTRIBUTE_WORDS,
  enumWord,
} from './enums.ts';
export { localText, type LocalText } from './localText.ts';
export { SETTING_WORDS, settingExpectation, type SettingWord } from './settingWords.ts';
export { STARTER_WORDS, starterWord, starterActivityName, type StarterWord } from './starterWords.ts';
export { NO_VALUE, NO_VALUE_WORDS, shownValue } from './noValue.ts';
export { significant, textNumbers, type TextNumbers } from './textNumbers.ts';
export {
  CLV_WARNING_WORDS,
  clvWarningWord,
  clvWarningText,
  clvWarningSubject,
  storedClvWarningText,
  type ClvWarningWord,
  type ClvWarningData,
  type ClvWarningSubject,
  type ClvOptimiserStop,
  type StoredClvWarning,
} from './clvWarnings.ts';
export {
  EXPORT_COLUMN_WORDS,
  EXPORT_PATTERN_WORDS,
  YES_NO_WORDS,
  ACTIVITY_KIND_WORDS,
} from './exportColumns.ts';
export { MODEL_CHOICE_WORDS, modelChoiceText, type ModelChoiceFacts } from './modelChoice.ts';
export {
  COVARIATE_WORDS,
  covariateComparisonText,
  covariateValuesText,
  type CovariateFacts,
} from './covariateText.ts';
export { CLV_UNDETERMINED_WORDS, clvUndeterminedText } from './clvUndetermined.ts';
