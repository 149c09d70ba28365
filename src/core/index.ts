/** Core types shared by every stage: errors, exact money, side-effect interfaces. */
export * from './errors.ts';
export * from './money.ts';
export * from './effects.ts';
export * from './contract.ts';
export * from './spreadsheetText.ts';
export * from './paramEdge.ts';
export * from './clvUndetermined.ts';
export * from './clvModels.ts';
export * from './spreadsheetCsv.ts';
export * from './spreadsheetXlsx.ts';
export * from './columnNames.ts';
export * from './paddedNumber.ts';
