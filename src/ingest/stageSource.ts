import path from 'node:path';
import type { Engine } from '../warehouse/index.ts';
import type { SourceFormat, Workspace } from '../workspace/index.ts';
import { prepareFile, type PreparedFile } from './prepareFile.ts';

/** A source file staged as text in the engine. */
export interface StagedSource {
  /** File name as shown to the user (relative to the workspace). */
  shown: string;
  /** The staged view (`_rn` + the file's columns as text). */
  stage: string;
  prepared: PreparedFile;
  /** The file's column names (without the helper `__line` column of XLSX). */
  columns: string[];
}

/** Checks and prepares a source file (encoding, XLSX), then stages it as text under `stage`. */
export async function stageSource(engine: Engine, ws: Workspace, file: string, format: SourceFormat, stage: string, tmpDir: string): Promise<StagedSource> {
  const abs = path.resolve(ws.dir, file);
  const shown = path.relative(ws.dir, abs) || file;
  const prepared = await prepareFile(abs, shown, format, tmpDir);
  if (prepared.kind === 'parquet') await engine.stageParquet(stage, prepared.path);
  else {
    await engine.stageCsv(stage, {
      path: prepared.path,
      delimiter: prepared.format.delimiter,
      quote: prepared.format.quote,
      header: prepared.format.header,
      skipLines: prepared.format.skip_lines,
      columnNames: prepared.columns,
      displayName: shown,
    });
  }
  const columns = (await engine.columns(`${stage}__raw`)).filter((c) => c !== '__line');
  return { shown, stage, prepared, columns };
}
