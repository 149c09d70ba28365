/**
 * Onboarding: a workspace from the user's own export. The file is profiled (DuckDB's sniffer
 * and a count of what each column reads as), its columns recognised by their usual Dutch and
 * English names, a commented worth.yaml written, and the load previewed with the real ingest.
 */
export { initFromExport, type InitFromExport, type InitEffects } from './initFromExport.ts';
export { headerLanguage } from './headerLanguage.ts';
export { formatInit, previewCell } from './formatInit.ts';
export { sniffExport, exportKind, type ExportProfile, type ColumnProfile } from './sniffExport.ts';
export { recognise, normaliseName, ROLES, type Role, type Recognised } from './recognise.ts';
export { textEncodingGuess, type TextEncodingGuess } from './textEncodingGuess.ts';
export { previewIngest, type Preview } from './preview.ts';
