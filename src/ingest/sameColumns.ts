/**
 * The files of one source share one mapping, so they must have the same columns. Names are
 * compared as mappings find them (trimmed, without case); their order may differ, since a
 * mapping names columns, not positions.
 */
import { WorthError } from '../core/index.ts';
import type { ErrorText } from '../words/index.ts';

/** A staged file's name and its columns. */
export interface FileColumns {
  file: string;
  columns: string[];
}

/** Throws a WorthError naming both files and every column only one of them has; returns when they match. */
export function sameColumns(first: FileColumns, other: FileColumns): void {
  const key = (c: string) => c.trim().toLowerCase();
  const a = new Set(first.columns.map(key));
  const b = new Set(other.columns.map(key));
  const onlyFirst = first.columns.filter((c) => !b.has(key(c)));
  const onlyOther = other.columns.filter((c) => !a.has(key(c)));
  if (!onlyFirst.length && !onlyOther.length) return;
  const only = (columns: string[], file: string): ErrorText[] =>
    columns.map((c) => ({ key: 'columnOnlyIn', vars: { column: JSON.stringify(c), file } }));
  throw new WorthError(
    'file_format',
    { file: other.file, column: onlyOther[0] ?? onlyFirst[0] },
    onlyOther[0] ?? onlyFirst[0],
    `the columns of ${first.file}`,
    undefined,
    {
      key: 'columnsDiffer',
      vars: {
        first: first.file,
        difference: { list: [...only(onlyOther, other.file), ...only(onlyFirst, first.file)] },
      },
    },
  );
}
