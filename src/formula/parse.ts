import jsep from 'jsep';
import { WorthError } from '../core/index.ts';
import { errorText, type ErrorText } from '../words/index.ts';

/** A parsed formula node (the subset of jsep's AST that Worth accepts). */
export type FormulaNode =
  | { type: 'Literal'; value: number | string | boolean | null; raw: string }
  | { type: 'Identifier'; name: string }
  | { type: 'UnaryExpression'; operator: string; argument: FormulaNode }
  | { type: 'BinaryExpression'; operator: string; left: FormulaNode; right: FormulaNode }
  | { type: 'CallExpression'; callee: FormulaNode; arguments: FormulaNode[] };

// Worth's formula language: arithmetic, comparisons (= and <> as in SQL), and/or/not.
// Bitwise and shift operators are removed so a typo like `a & b` is an error, not a surprise.
for (const op of ['|', '^', '&', '<<', '>>', '>>>', '===', '!==']) jsep.removeBinaryOp(op);
for (const op of ['~']) jsep.removeUnaryOp(op);
jsep.addBinaryOp('or', 1);
jsep.addBinaryOp('and', 2);
jsep.addBinaryOp('=', 6);
jsep.addBinaryOp('<>', 6);
jsep.addUnaryOp('not');
jsep.removeIdentifierChar('$');

const ALLOWED = new Set(['Literal', 'Identifier', 'UnaryExpression', 'BinaryExpression', 'CallExpression']);

/**
 * Parses a formula into an AST. `subject` names where the formula comes from (e.g.
 * `activity picking`), so a syntax error reads `activity picking, formula "4 + * 3",
 * position 5: expected an expression after +`.
 */
export function parseFormula(text: string, subject: string): FormulaNode {
  if (text.length > MAX_FORMULA_LENGTH) {
    throw formulaError(
      subject,
      text,
      undefined,
      `is ${text.length.toLocaleString('en-US')} characters long (expected at most ${MAX_FORMULA_LENGTH.toLocaleString('en-US')})`,
    );
  }
  const deep = tooDeepAt(text);
  if (deep !== undefined)
    throw formulaError(
      subject,
      text,
      deep,
      `brackets are nested more than ${MAX_FORMULA_DEPTH} deep (expected a shallower formula)`,
    );
  let node: unknown;
  try {
    node = jsep(text);
  } catch (e) {
    // A chain of prefix operators (- - - ... x) can still exhaust the parser's stack.
    if (e instanceof RangeError)
      throw formulaError(
        subject,
        text,
        undefined,
        `is nested too deeply (expected at most ${MAX_FORMULA_DEPTH} levels)`,
      );
    const err = e as Error & { index?: number; description?: string };
    throw formulaError(
      subject,
      text,
      err.index,
      (err.description ?? err.message).replace(/^Expected/, 'expected'),
    );
  }
  check(node as FormulaNode, subject, text, 1);
  return node as FormulaNode;
}

/** Longest formula accepted, in characters: far above any real one, low enough to keep parsing and SQL small. */
export const MAX_FORMULA_LENGTH = 4000;
/** Deepest nesting accepted (brackets, or operators inside operators): the parser and the SQL engine recurse per level. */
export const MAX_FORMULA_DEPTH = 100;

/** The 0-based position of the first bracket that opens level MAX_FORMULA_DEPTH + 1 (outside quotes), if any. */
function tooDeepAt(text: string): number | undefined {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' && ++depth > MAX_FORMULA_DEPTH) return i;
    else if (ch === ')') depth--;
  }
  return undefined;
}

function check(node: FormulaNode, subject: string, text: string, depth: number): void {
  if (depth > MAX_FORMULA_DEPTH)
    throw formulaError(
      subject,
      text,
      undefined,
      `is nested more than ${MAX_FORMULA_DEPTH} levels deep (expected a shallower formula)`,
    );
  if (!node || !ALLOWED.has(node.type)) {
    const kind = (node as { type?: string } | undefined)?.type ?? 'empty formula';
    throw formulaError(
      subject,
      text,
      undefined,
      `${describeKind(kind)} is not allowed (expected numbers, 'text', column names, operators and functions)`,
    );
  }
  switch (node.type) {
    case 'UnaryExpression':
      return check(node.argument, subject, text, depth + 1);
    case 'BinaryExpression':
      check(node.left, subject, text, depth + 1);
      return check(node.right, subject, text, depth + 1);
    case 'CallExpression':
      if (node.callee.type !== 'Identifier')
        throw formulaError(subject, text, undefined, 'only named functions can be called');
      return node.arguments.forEach((a) => check(a, subject, text, depth + 1));
    default:
      return;
  }
}

function describeKind(kind: string): string {
  const names: Record<string, string> = {
    MemberExpression: 'a member access (a.b or a[b])',
    ArrayExpression: 'a list [...]',
    Compound: 'more than one expression',
    ConditionalExpression: 'the ?: operator (use if(condition, then, else))',
    ThisExpression: 'this',
  };
  return names[kind] ?? kind;
}

/** An error about a formula, with its subject, the formula text and the position. */
export function formulaError(
  subject: string,
  text: string,
  position: number | undefined,
  message: string | ErrorText,
): WorthError {
  // A runaway formula is shown by its start: the message stays one readable paragraph.
  const shown = text.length > 120 ? `${JSON.stringify(text.slice(0, 100))}...` : JSON.stringify(text);
  const said: ErrorText = {
    key: 'formula',
    vars: {
      subject,
      formula: shown,
      where: position === undefined ? '' : { key: 'formulaWhere', vars: { n: String(position + 1) } },
      // A message without a catalogue entry (the parser's own) stays as written.
      message: typeof message === 'string' ? { key: 'expectedMessage', vars: { message } } : message,
    },
  };
  return new WorthError(
    'formula',
    { path: subject, position },
    text,
    typeof message === 'string' ? message : errorText('en', message),
    undefined,
    said,
  );
}

/** The 0-based position of an identifier in a formula's text (outside quotes), for messages. */
export function positionOf(text: string, name: string): number | undefined {
  const re = new RegExp(
    `(^|[^A-Za-z0-9_$])(${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?![A-Za-z0-9_$])`,
    'g',
  );
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const at = m.index + m[1]!.length;
    const before = text.slice(0, at);
    const quotes = (before.match(/'/g)?.length ?? 0) + (before.match(/"/g)?.length ?? 0);
    if (quotes % 2 === 0) return at;
  }
  return undefined;
}
