import jsep from 'jsep';
import { WorthError } from '../core/index.ts';

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
  let node: unknown;
  try {
    node = jsep(text);
  } catch (e) {
    const err = e as Error & { index?: number; description?: string };
    throw formulaError(subject, text, err.index, (err.description ?? err.message).replace(/^Expected/, 'expected'));
  }
  check(node as FormulaNode, subject, text);
  return node as FormulaNode;
}

function check(node: FormulaNode, subject: string, text: string): void {
  if (!node || !ALLOWED.has(node.type)) {
    const kind = (node as { type?: string } | undefined)?.type ?? 'empty formula';
    throw formulaError(subject, text, undefined, `${describeKind(kind)} is not allowed (expected numbers, 'text', column names, operators and functions)`);
  }
  switch (node.type) {
    case 'UnaryExpression':
      return check(node.argument, subject, text);
    case 'BinaryExpression':
      check(node.left, subject, text);
      return check(node.right, subject, text);
    case 'CallExpression':
      if (node.callee.type !== 'Identifier') throw formulaError(subject, text, undefined, 'only named functions can be called');
      return node.arguments.forEach((a) => check(a, subject, text));
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
export function formulaError(subject: string, text: string, position: number | undefined, message: string): WorthError {
  const where = position === undefined ? '' : `, position ${position + 1}`;
  return new WorthError('formula', { path: subject, position }, text, message, `${subject}, formula ${JSON.stringify(text)}${where}: ${message}`);
}

/** The 0-based position of an identifier in a formula's text (outside quotes), for messages. */
export function positionOf(text: string, name: string): number | undefined {
  const re = new RegExp(`(^|[^A-Za-z0-9_$])(${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?![A-Za-z0-9_$])`, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const at = m.index + m[1]!.length;
    const before = text.slice(0, at);
    const quotes = (before.match(/'/g)?.length ?? 0) + (before.match(/"/g)?.length ?? 0);
    if (quotes % 2 === 0) return at;
  }
  return undefined;
}
