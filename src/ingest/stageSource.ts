import path from 'node:path';
import { WorthError } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import type { SourceFormat, Workspace } from '../workspace/index.ts';
import type { ReadPlan } from './fastPath.ts';
import { prepareFile, type PreparedFile } from './prepareFile.ts';

/** A source file staged in the engine: as text, or with some columns typed (the fast path). */
export interface StagedSource {
  /** File name as shown to the user (relative to the workspace). */
  shown: string;
  /** The staged view (`_rn` + the file's columns). */
  stage: string;
  prepared: PreparedFile;
  /** The file's column names (without the helper `__line` column of XLSX). */
  columns: string[];
  /** How it was read: typed (the columns in `kinds` hold values) or text (every column), and why. */
  read: ReadPlan;
  /**
   * The same file staged as text, record for record (`_rn` matches): the stage itself on the
   * text path; read on first call on the typed path, where only rejects need the raw text.
   */
  textStage: () => Promise<string>;
}

/**
 * Checks and prepares a source file (encoding, XLSX), then stages it: with the column types
 * `plan` declares when it can (the fast path), as text when it cannot or when the typed read
 * refuses a value (the text path then finds and reports every problem in the file).
 */
export async function stageSource(
  engine: Engine,
  ws: Workspace,
  file: string,
  format: SourceFormat,
  stage: string,
  tmpDir: string,
  plan: (prepared: PreparedFile, columns: string[]) => ReadPlan,
): Promise<StagedSource> {
  const abs = path.resolve(ws.dir, file);
  const shown = path.relative(ws.dir, abs) || file;
  const prepared = await prepareFile(abs, shown, format, tmpDir);
  const asText = async (table: string) => {
    if (prepared.kind === 'parquet') await engine.stageParquet(table, prepared.path);
    else await engine.stageCsv(table, csvOptions(prepared, shown));
  };
  let read: ReadPlan =
    prepared.kind === 'csv' && prepared.columns
      ? plan(prepared, prepared.columns)
      : {
          path: 'text',
          reason: { code: prepared.kind === 'parquet' ? 'parquet' : 'no_header' },
        };
  if (read.path === 'typed') {
    try {
      await engine.stageCsv(stage, {
        ...csvOptions(prepared, shown),
        types: read.types,
        dateFormat: read.dateFormat,
        timestampFormat: read.timestampFormat,
      });
    } catch (e) {
      if (!(e instanceof WorthError)) throw e;
      // A value the typed reader refuses (or a broken line): the text path reads the whole file.
      read = {
        path: 'text',
        reason:
          e.location.line !== undefined
            ? { code: 'typed_read_stopped_at', vars: { line: String(e.location.line) } }
            : { code: 'typed_read_stopped' },
      };
    }
  }
  if (read.path === 'text') await asText(stage);
  const columns = (await engine.columns(`${stage}__raw`)).filter((c) => c !== '__line');
  let text: string | undefined = read.path === 'text' ? stage : undefined;
  const textStage = async () => {
    if (text === undefined) {
      await asText(`${stage}__text`);
      text = `${stage}__text`;
    }
    return text;
  };
  return { shown, stage, prepared, columns, read, textStage };
}

function csvOptions(prepared: PreparedFile, shown: string) {
  return {
    path: prepared.path,
    delimiter: prepared.format.delimiter,
    quote: prepared.format.quote,
    header: prepared.format.header,
    skipLines: prepared.format.skip_lines,
    columnNames: prepared.columns,
    displayName: shown,
  };
}
