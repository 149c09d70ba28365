/**
 * The data-quality words: what ingest read, loaded, rejected and left out, and what rests on an
 * estimate. The dashboard's Data quality page and the report's data page say the same.
 */
import type { Catalogue } from './catalogue.ts';

/** Data quality in both languages (part of the dashboard's and the report's words). */
export const QUALITY_WORDS = {
  dataQuality: { en: 'Data quality', nl: 'Datakwaliteit' },
  dqSources: {
    en: 'What was read, loaded and rejected, per table',
    nl: 'Wat is gelezen, geladen en afgekeurd, per tabel',
  },
  dqSourcesNote: {
    en: 'As worth ingest reconciled it: read = loaded + rejected, in rows and in money.',
    nl: 'Zoals worth ingest het heeft afgestemd: gelezen = geladen + afgekeurd, in regels en in geld.',
  },
  dqUnattributedNote: {
    en: 'Rows without a customer are loaded and count in the company totals, not in any customer.',
    nl: 'Regels zonder klant zijn geladen en tellen mee in de bedrijfstotalen, niet bij een klant.',
  },
  dqExcluded: {
    en: '{table} ({file}): {n|line|lines} ({amount}) excluded by your rule `{rule}`; not loaded, not rejects.',
    nl: '{table} ({file}): {n|regel|regels} ({amount}) uitgesloten door uw regel `{rule}`; niet geladen, geen afkeuringen.',
  },
  dqTable: { en: 'Table', nl: 'Tabel' },
  dqFiles: { en: 'Files', nl: 'Bestanden' },
  dqRead: { en: 'Read', nl: 'Gelezen' },
  dqLoaded: { en: 'Loaded', nl: 'Geladen' },
  dqRejected: { en: 'Rejected', nl: 'Afgekeurd' },
  dqUnattributed: { en: 'Without customer', nl: 'Zonder klant' },
  dqEstimatedRows: { en: 'Cost of goods estimated', nl: 'Inkoopwaarde geschat' },
  dqColumn: { en: 'Column', nl: 'Kolom' },
  dqRows: { en: 'Rows', nl: 'Regels' },
  dqAmount: { en: 'Amount', nl: 'Bedrag' },
  dqReasons: { en: 'Rejected lines by reason', nl: 'Afgekeurde regels per reden' },
  dqReasonsNote: {
    en: 'Every rejected line is in rejects.csv in the workspace, with file, line, column, value and reason (in the language worth.yaml sets).',
    nl: 'Elke afgekeurde regel staat in rejects.csv in de werkmap, met bestand, regel, kolom, waarde en reden (in de taal van worth.yaml).',
  },
  dqExample: { en: 'First example', nl: 'Eerste voorbeeld' },
  dqExampleText: {
    en: '{file} line {line}, column {column}: “{value}”',
    nl: '{file} regel {line}, kolom {column}: “{value}”',
  },
  dqNoRejects: { en: 'No line was rejected.', nl: 'Geen enkele regel is afgekeurd.' },
  dqReasonsMissing: {
    en: 'This load did not keep its reasons: run worth ingest again to see them here.',
    nl: 'Deze lading heeft de redenen niet bewaard: draai worth ingest opnieuw om ze hier te zien.',
  },
  dqEstimated: { en: 'What rests on an estimate', nl: 'Wat op een schatting berust' },
  dqEstimatedText: {
    en: 'Cost of goods estimated from an assumed margin or product cost: {amount} ({share} of all cost of goods), for {customers|customer|customers}, on {lines|order line|order lines} and {returns|return|returns}.',
    nl: 'Inkoopwaarde geschat uit een aangenomen marge of kostprijs: {amount} ({share} van alle inkoopwaarde), voor {customers|klant|klanten}, op {lines|orderregel|orderregels} en {returns|retour|retouren}.',
  },
  dqEstimatedByIngest: {
    en: 'Cost of goods estimated from an assumed margin or product cost on {lines|order line|order lines} and {returns|return|returns} (as ingest loaded them); its amount and share of all cost of goods follow from worth analyze.',
    nl: 'Inkoopwaarde geschat uit een aangenomen marge of kostprijs op {lines|orderregel|orderregels} en {returns|retour|retouren} (zoals ingest ze laadde); het bedrag en het aandeel in alle inkoopwaarde volgen uit worth analyze.',
  },
  dqNothingEstimated: {
    en: 'No figure rests on an estimate: every cost of goods came from the files.',
    nl: 'Geen enkel cijfer berust op een schatting: alle inkoopwaarde kwam uit de bestanden.',
  },
  dqClv: { en: 'Warnings of the lifetime-value fits', nl: 'Waarschuwingen bij de klantwaardemodellen' },
  dqClvMissing: {
    en: 'No lifetime values yet (run worth clv).',
    nl: 'Nog geen klantwaarden (draai worth clv).',
  },
  dqNoWarnings: { en: 'no warnings', nl: 'geen waarschuwingen' },
  dqWarningsEnglish: {
    en: 'Warnings are in the model library’s words.',
    nl: 'Waarschuwingen staan in de woorden van de modelbibliotheek (Engels).',
  },
  dqFinding: {
    en: 'In no figure of this report: lines rejected: {rejected}; lines left out by your rules in worth.yaml: {excluded} (per table, reason and amount under “Data quality” at the end).',
    nl: 'In geen enkel cijfer van dit rapport: afgekeurde regels: {rejected}; regels uitgesloten door uw regels in worth.yaml: {excluded} (per tabel, reden en bedrag onder “Datakwaliteit” achteraan).',
  },
  dqReason: { en: 'Reason', nl: 'Reden' },
  dqMoreReasons: {
    en: 'and {n|more reason|more reasons} ({rows|line|lines}): see the dashboard’s Data quality page or rejects.csv.',
    nl: 'en nog {n|reden|redenen} ({rows|regel|regels}): zie de pagina Datakwaliteit van het dashboard of rejects.csv.',
  },
} as const satisfies Catalogue;
