/**
 * The words of a spreadsheet export: column headers from the stored column names, and stored
 * English values (quadrants, cost behaviours, activity kinds and names, attributes, cost lines)
 * in the workspace language. The machine form (`--raw`) uses none of this.
 */
import { CLV_UNDETERMINED_COLUMN } from '../core/index.ts';
import type { Engine } from '../warehouse/index.ts';
import {
  ACTIVITY_KIND_WORDS,
  ACTIVITY_WORDS,
  activityName,
  ATTRIBUTE_WORDS,
  BEHAVIOUR_WORDS,
  clvUndeterminedText,
  enumWord,
  EXPORT_COLUMN_WORDS,
  EXPORT_PATTERN_WORDS,
  fill,
  QUADRANT_WORDS,
  type Lang,
} from '../words/index.ts';

/** Each activity's name in the export's language, by activity id. */
export type ActivityNames = ReadonlyMap<string, string>;

/** A stored text value in words; `row` is the whole row (an activity's name needs its id). */
export type ValueWords = (value: string, row: Readonly<Record<string, unknown>>) => string;

/**
 * The activities' names in `lang`: a standard activity's Dutch name in Dutch, otherwise the
 * name configured in the cost model (from `activity_summary`; empty before `worth analyze`). A
 * standard activity without a configured name (its name is its id) reads as the catalogue names it.
 */
export async function activityNames(engine: Engine, lang: Lang): Promise<ActivityNames> {
  if (!(await engine.tableExists('activity_summary'))) return new Map();
  const rows = await engine.query('SELECT activity_id, name FROM activity_summary');
  return new Map(
    rows.map((r) => {
      const id = String(r.activity_id);
      const configured =
        r.name === null || r.name === id ? enumWord(ACTIVITY_WORDS, id, 'en') : String(r.name);
      return [id, activityName(id, configured, lang)];
    }),
  );
}

/** The header of stored column `name` in `lang` (`cost_delivery` -> "Kosten: Bezorging"); an unknown column keeps its name. */
export function columnLabel(name: string, lang: Lang, activities: ActivityNames): string {
  if (Object.hasOwn(EXPORT_COLUMN_WORDS, name))
    return EXPORT_COLUMN_WORDS[name as keyof typeof EXPORT_COLUMN_WORDS][lang];
  const cost = /^cost_(.+)$/.exec(name);
  if (cost) {
    const id = cost[1]!;
    return fill(EXPORT_PATTERN_WORDS.cost[lang], {
      activity: activities.get(id) ?? activityName(id, id, lang),
    });
  }
  const median = /^m_(.+)$/.exec(name);
  if (median)
    return fill(EXPORT_PATTERN_WORDS.median[lang], { column: columnLabel(median[1]!, lang, activities) });
  return name;
}

/** How the values of `table`.`column` read in `lang`, or null when they are shown as stored (ids, names, free text). */
export function valueWords(
  table: string,
  column: string,
  lang: Lang,
  activities: ActivityNames,
): ValueWords | null {
  if (column === 'quadrant') return (v) => enumWord(QUADRANT_WORDS, v, lang);
  if (column === 'behaviour') return (v) => enumWord(BEHAVIOUR_WORDS, v, lang);
  if (column === CLV_UNDETERMINED_COLUMN) return (v) => clvUndeterminedText(lang, v);
  if (table === 'activity_summary' && column === 'kind') return (v) => enumWord(ACTIVITY_KIND_WORDS, v, lang);
  if (table === 'activity_summary' && column === 'name')
    return (v, row) => activities.get(String(row.activity_id)) ?? v;
  if ((table === 'rollup_customer_attribute' && column === 'attribute') || column === 'segment_by')
    return (v) => enumWord(ATTRIBUTE_WORDS, v, lang);
  // a loss explanation's line is a customer_pnl column (`cost_delivery`, `gross_margin`)
  if (table === 'loss_explanations' && column === 'line') return (v) => columnLabel(v, lang, activities);
  return null;
}
