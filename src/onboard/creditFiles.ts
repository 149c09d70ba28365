/**
 * Credit memos exported to files of their own beside the invoices (Business Central's "Posted
 * Sales Credit Memo Lines" next to its "Posted Sales Invoice Lines", in one folder): the lines are
 * printed with positive amounts, so nothing in a line tells a credit from a sale, but the file's
 * name does. Such files become a returns source of their own; the other files are the sales.
 */
import path from 'node:path';
import type { Bilingual } from '../words/index.ts';
import { initText } from '../words/index.ts';

/** A file name that says credit memos or credit notes (English and Dutch), or returns. */
const CREDIT_NAME = /credit[\s._-]*(memo|note)|creditnota|creditfactu|gutschrift|\breturns?\b|\bretouren?\b/i;

/** The split of an export's files: workspace-relative paths of the sales and of the credit memos. */
export interface CreditFiles {
  sales: string[];
  credits: string[];
  /** What init says about it (worth.yaml's comment and the preview). */
  why: Bilingual;
}

/**
 * The credit memo files among several exports, by name; undefined for one file, or when none or
 * every file is named so (then nothing tells them apart and all are read as sales lines).
 */
export function creditFiles(files: string[]): CreditFiles | undefined {
  if (files.length < 2) return undefined;
  const names = files.map((f) => path.basename(f));
  const credits = names.filter((n) => CREDIT_NAME.test(n));
  const sales = names.filter((n) => !CREDIT_NAME.test(n));
  if (!credits.length || !sales.length) return undefined;
  const data = (n: string) => `data/${n}`;
  return {
    sales: sales.map(data),
    credits: credits.map(data),
    why: initText('creditFiles', { files: credits.join(', '), sales: sales.join(', ') }),
  };
}
