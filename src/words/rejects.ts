/**
 * Why a row was rejected, in Dutch and English. The key is the stable code rejects.csv writes
 * in its `code` column (tools read it); the sentence beside it is in the workspace's language.
 * Each keeps the reason's meaning: what the value is, and what was expected.
 */
import { fill, type Catalogue } from './catalogue.ts';
import type { Lang } from './lang.ts';
import { textNumbers } from './textNumbers.ts';

/** Every reject reason; the key is the code in rejects.csv. */
export const REJECT_WORDS = {
  not_a_number: { en: 'not a number (expected e.g. {example})', nl: 'geen getal (verwacht bijv. {example})' },
  not_a_date: { en: 'not a date (expected {format})', nl: 'geen datum (verwacht {format})' },
  not_a_boolean: {
    en: 'not true or false (expected true/false, yes/no, ja/nee or 1/0)',
    nl: 'geen waar of onwaar (verwacht true/false, yes/no, ja/nee of 1/0)',
  },
  not_a_whole_number: {
    en: 'not a whole number (expected e.g. 12)',
    nl: 'geen geheel getal (verwacht bijv. 12)',
  },
  amount_out_of_range: {
    en: 'amount out of range (expected at most {max} either way per line, so that totals add up exactly)',
    nl: 'bedrag buiten bereik (verwacht hoogstens {max} positief of negatief per regel, zodat totalen exact kloppen)',
  },
  number_out_of_range: {
    en: 'number out of range (expected at most {digits} digits before the decimal point)',
    nl: 'getal buiten bereik (verwacht hoogstens {digits} cijfers voor de komma)',
  },
  more_decimals_than_cents: {
    en: 'more decimals than cents (expected at most 2 decimals; an amount is never rounded silently)',
    nl: 'meer decimalen dan centen (verwacht hoogstens 2 decimalen; een bedrag wordt nooit stilzwijgend afgerond)',
  },
  division_by_zero: { en: 'division by zero ({formula})', nl: 'deling door nul ({formula})' },
  formula_amount_out_of_range: {
    en: 'out of range ({formula}; expected at most {max} either way per line, so that totals add up exactly)',
    nl: 'buiten bereik ({formula}; verwacht hoogstens {max} positief of negatief per regel, zodat totalen exact kloppen)',
  },
  formula_out_of_range: {
    en: 'out of range ({formula}; expected a value that fits {label})',
    nl: 'buiten bereik ({formula}; verwacht een waarde die in {column} past)',
  },
  missing_required: {
    en: 'missing required field (expected {label})',
    nl: 'verplicht veld ontbreekt (verwacht een waarde voor {column})',
  },
  missing_cogs: {
    en: 'missing required field (no cost of goods, and no product cost or margin rate to estimate it)',
    nl: 'verplicht veld ontbreekt (geen inkoopwaarde, en geen kostprijs of margepercentage om haar te schatten)',
  },
  negative_quantity: {
    en: 'negative quantity (expected >= {min})',
    nl: 'negatieve hoeveelheid (verwacht >= {min})',
  },
  negative_amount: { en: 'negative amount (expected >= {min})', nl: 'negatief bedrag (verwacht >= {min})' },
  negative_value: { en: 'negative value (expected >= {min})', nl: 'negatieve waarde (verwacht >= {min})' },
  not_positive_quantity: {
    en: 'zero or negative quantity (expected > {min})',
    nl: 'hoeveelheid nul of negatief (verwacht > {min})',
  },
  not_positive_amount: {
    en: 'zero or negative amount (expected > {min})',
    nl: 'bedrag nul of negatief (verwacht > {min})',
  },
  not_positive_value: {
    en: 'zero or negative value (expected > {min})',
    nl: 'waarde nul of negatief (verwacht > {min})',
  },
  date_outside_window: {
    en: "date outside {from} to {to} (expected at most {before} years before the period's start and {after} year after its end)",
    nl: 'datum buiten {from} tot {to} (verwacht hoogstens {before} jaar voor het begin van de periode en {after} jaar na het einde)',
  },
  wrong_field_count: {
    en: 'wrong number of fields: {found} found, {expected} expected (one per column of the header; quote a value that holds the delimiter)',
    nl: 'verkeerd aantal velden: {found} gevonden, {expected} verwacht (een per kolom van de kopregel; zet een waarde met het scheidingsteken tussen aanhalingstekens)',
  },
  totals_line: {
    en: "a totals line (the file's own sum or a footer under it, not an order line; its amount is not counted)",
    nl: 'een totaalregel (de eigen som van het bestand of een voetregel eronder, geen orderregel; het bedrag telt niet mee)',
  },
  repeated_header: {
    en: 'a repeated header or page line (the column names again or "Page 2" at a page break, or two exports joined; no data, not counted)',
    nl: 'een herhaalde kopregel of paginaregel (de kolomnamen nog eens of "Pagina 2" bij een paginawissel, of twee exports samengevoegd; geen gegevens, telt niet mee)',
  },
  unknown_customer: { en: 'unknown customer (not in customers)', nl: 'onbekende klant (niet in customers)' },
  duplicate_key: {
    en: 'duplicate key ({key} already on line {line})',
    nl: 'dubbele sleutel ({key} staat al op regel {line})',
  },
  order_in_two_files: {
    en: 'the order is also in {file} (from line {line}): the same order in two files',
    nl: 'de order staat ook in {file} (vanaf regel {line}): dezelfde order in twee bestanden',
  },
  missing_product_code: {
    en: 'missing required field (expected a product code)',
    nl: 'verplicht veld ontbreekt (verwacht een artikelcode)',
  },
  not_a_unit_cost: {
    en: 'not a number (expected a cost per unit)',
    nl: 'geen getal (verwacht een kostprijs per stuk)',
  },
  duplicate_product: {
    en: 'duplicate key (product_id already on an earlier line)',
    nl: 'dubbele sleutel (product_id staat al op een eerdere regel)',
  },
  lookup_missing: {
    en: 'order {found} is not in {file} (expected every order number of the lines in the orders file, column {column})',
    nl: 'order {found} staat niet in {file} (verwacht elk ordernummer van de regels in het ordersbestand, kolom {column})',
  },
  lookup_rejected: {
    en: "order {found}'s line in {file} was rejected (its reject in rejects.csv says why; the lines load once it is fixed)",
    nl: 'de regel van order {found} in {file} is afgekeurd (de afkeuring in rejects.csv zegt waarom; de regels laden zodra die hersteld is)',
  },
  lookup_key_missing: {
    en: 'missing required field (expected the order number {column} that the lines of {lines} are joined on)',
    nl: 'verplicht veld ontbreekt (verwacht het ordernummer {column} waarop de regels van {lines} worden gekoppeld)',
  },
} as const satisfies Catalogue;

/** The stable code of a reject reason (rejects.csv's `code` column). */
export type RejectCode = keyof typeof REJECT_WORDS;

/**
 * A reject reason as data: its code and the values its sentence names. `max` is an exact
 * decimal string (an amount), grouped in the language's style when the sentence is made.
 */
export interface RejectText {
  code: RejectCode;
  vars?: Readonly<Record<string, string>>;
}

/** The reason `r` as a sentence in `lang`. */
export function rejectReason(lang: Lang, r: RejectText): string {
  const max = r.vars?.max;
  const format = r.vars?.format;
  return fill(REJECT_WORDS[r.code][lang], {
    ...r.vars,
    ...(max === undefined ? {} : { max: textNumbers(lang).money(max) }),
    // worth.yaml's `date_format: dd-mm-yyyy or yyyy-mm-dd` joins its layouts with `or`; the sentence in the user's language.
    ...(format === undefined ? {} : { format: format.replaceAll(' or ', ` ${OR[lang]} `) }),
  });
}

const OR = { en: 'or', nl: 'of' } as const satisfies Record<Lang, string>;

/** Reasons as the per-reason summary shows them, where rejects.csv names a line the summary leaves out. */
const REJECT_KIND_WORDS = {
  duplicate_key: { en: 'duplicate key ({key})', nl: 'dubbele sleutel ({key})' },
} as const satisfies Catalogue;

/** A duplicate of a key first seen in another file of the same table (one export per month). */
const DUPLICATE_ELSEWHERE_WORDS = {
  reason: {
    en: 'duplicate key ({key} already in {file} on line {line}: the same line in two files)',
    nl: 'dubbele sleutel ({key} staat al in {file} op regel {line}: dezelfde regel in twee bestanden)',
  },
  kind: {
    en: 'duplicate key ({key} already in {file})',
    nl: 'dubbele sleutel ({key} staat al in {file})',
  },
  order: {
    en: 'order also in {file} (the same order in two files)',
    nl: 'order staat ook in {file} (dezelfde order in twee bestanden)',
  },
} as const satisfies Catalogue;

/** The reason of a duplicate whose key was first seen in `file` on `line`. */
export function duplicateKeyElsewhere(lang: Lang, key: string, file: string, line: string): string {
  return fill(DUPLICATE_ELSEWHERE_WORDS.reason[lang], { key, file, line });
}

/** The summary's kind of an order's lines that were first met in `file` (another file of the table). */
export function orderInTwoFilesKind(lang: Lang, file: string): string {
  return fill(DUPLICATE_ELSEWHERE_WORDS.order[lang], { file });
}

/** The summary's kind of a duplicate whose key was first seen in `file`. */
export function duplicateKeyElsewhereKind(lang: Lang, key: string, file: string): string {
  return fill(DUPLICATE_ELSEWHERE_WORDS.kind[lang], { key, file });
}

/** A duplicate key's reason without its line (the kind of problem, as the summary shows it). */
export function duplicateKeyKind(lang: Lang, key: string): string {
  return fill(REJECT_KIND_WORDS.duplicate_key[lang], { key });
}

/** Why a source file was read as text rather than by the engine's typed reader (the fast path). */
export const READ_WORDS = {
  asked_for: { en: 'asked for', nl: 'zo gevraagd' },
  parquet: { en: 'Parquet is read as text', nl: 'Parquet wordt als tekst gelezen' },
  xlsx: { en: 'XLSX is read as text', nl: 'XLSX wordt als tekst gelezen' },
  decimal_comma: {
    en: 'a decimal comma or thousands separators are checked on the text',
    nl: 'een decimale komma of scheidingstekens voor duizendtallen worden op de tekst gecontroleerd',
  },
  missing_number: { en: 'missing_values holds a number', nl: 'missing_values bevat een getal' },
  nothing_typed: {
    en: 'no amount, quantity or date read directly',
    nl: 'geen bedrag, hoeveelheid of datum direct gelezen',
  },
  no_header: { en: 'no header to type by', nl: 'geen kopregel om op te typeren' },
  typed_read_stopped: { en: 'the typed read stopped', nl: 'het getypeerde lezen stopte' },
  typed_read_stopped_at: {
    en: 'the typed read stopped at line {line}',
    nl: 'het getypeerde lezen stopte op regel {line}',
  },
  two_digit_year: {
    en: 'a date with a two-digit year: read as text, which reads 24 as 2024',
    nl: 'een datum met een jaartal van twee cijfers: als tekst gelezen, dat 24 als 2024 leest',
  },
  small_table: { en: 'a small table', nl: 'een kleine tabel' },
  ragged_lines: {
    en: 'some lines have another number of fields than the header',
    nl: 'sommige regels hebben een ander aantal velden dan de kopregel',
  },
  lines_not_records: {
    en: 'blank lines or line breaks inside quotes: read record by record for exact line numbers',
    nl: 'lege regels of regeleinden tussen aanhalingstekens: per record gelezen voor exacte regelnummers',
  },
  totals_line: {
    en: 'a totals line at the end: read record by record',
    nl: 'een totaalregel aan het eind: per record gelezen',
  },
  footer_lines: {
    en: 'a footer to leave out (footer_lines): read record by record',
    nl: 'een voettekst om weg te laten (footer_lines): per record gelezen',
  },
  repeated_header: {
    en: 'the header repeated further down: read record by record',
    nl: 'de kopregel verderop herhaald: per record gelezen',
  },
} as const satisfies Catalogue;

/** Why a source was read as text: a code and its values. */
export interface ReadText {
  code: keyof typeof READ_WORDS;
  vars?: Readonly<Record<string, string>>;
}

/** The read reason `r` in `lang`. */
export function readReason(lang: Lang, r: ReadText): string {
  return fill(READ_WORDS[r.code][lang], r.vars);
}
