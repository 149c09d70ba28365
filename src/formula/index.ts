/**
 * Formulas written by users (mappings, time equations, filters): parsed to an AST with jsep,
 * every name checked against known columns, compiled to SQL. String literals are bound
 * parameters; nothing from a formula reaches the SQL as text.
 */
export {
  parseFormula,
  formulaError,
  MAX_FORMULA_LENGTH,
  MAX_FORMULA_DEPTH,
  type FormulaNode,
} from './parse.ts';
export {
  compileFormula,
  formulaReadings,
  FORMULA_FUNCTIONS,
  type FormulaReading,
  type FormulaType,
  type FormulaColumn,
  type FormulaScope,
  type CompiledFormula,
} from './compile.ts';
