import { WorthError } from '../core/index.ts';

/**
 * Turns a date layout as people write it (`dd-mm-yyyy`, `d/m/yyyy`, `yyyymmdd`, Dutch
 * `dd-mm-jjjj`, optionally with `HH:mm[:ss]`) into strptime formats. A time after the date
 * is always accepted, so date-times load where a date is expected (the time is dropped).
 * A layout that already uses `%` codes is taken as strptime.
 */
export function strptimeFormats(layout: string, configPath = 'format.date_format'): string[] {
  // Several layouts: `mm/dd/yyyy or yyyy-mm-dd` (an export merged from two systems), tried in order.
  return layout.split(/\s+or\s+/).flatMap((one) => {
    const base = one.includes('%') ? checkStrptime(one, configPath) : toStrptime(one, configPath);
    return /%H/.test(base) ? [base] : withTimes(base);
  });
}

/** ISO 8601's date, `2025-03-05`: init offers it besides another layout (see {@link isoAlso}). */
export const ISO_DATE = '%Y-%m-%d';

/**
 * Whether ISO dates can be read besides the layout `strptime` (`date_format: mm/dd/yyyy or
 * yyyy-mm-dd`): an export merged from two systems writes `03/05/2025` on most rows and
 * `2025-03-05` on some. An ISO date cannot be read another way, and no layout with a four-digit
 * year (`%d-%m-%Y`, `%m/%d/%Y`, `%Y%m%d`) reads an ISO value or leaves its own values to ISO. A
 * two-digit year is left alone (strptime's `%Y` reads `05-03-25` as the year 5).
 */
export function isoAlso(strptime: string): boolean {
  return strptime.includes('%Y') && !strptime.startsWith(ISO_DATE);
}

function withTimes(base: string): string[] {
  return [
    base,
    `${base} %H:%M:%S`,
    `${base} %H:%M`,
    `${base}T%H:%M:%S`,
    `${base} %H:%M:%S.%f`,
    `${base}T%H:%M:%S.%f`,
    // A US export's 12-hour clock: `12/5/2025 3:04 PM`.
    `${base} %I:%M %p`,
    `${base} %I:%M:%S %p`,
  ];
}

const TOKENS: [RegExp, string, 'date' | 'time'][] = [
  [/^(yyyy|jjjj)/i, '%Y', 'date'],
  [/^(yy|jj)/i, '%y', 'date'],
  [/^hh/i, '%H', 'time'],
  [/^ss/i, '%S', 'time'],
  // A month's short name (jan, feb, mrt/mar, ...: Dutch or English, as the dialect reads them).
  [/^mmm/i, '%b', 'date'],
  [/^mm/, 'MONTH_OR_MINUTE', 'date'],
  [/^MM/, '%m', 'date'],
  [/^m/i, '%m', 'date'],
  [/^dd/i, '%d', 'date'],
  [/^d/i, '%d', 'date'],
];

function toStrptime(layout: string, configPath: string): string {
  let out = '';
  let rest = layout;
  let afterHour = false;
  while (rest.length) {
    const sep = /^[ \-/.:T,]/.exec(rest);
    if (sep) {
      out += sep[0];
      rest = rest.slice(1);
      continue;
    }
    const tok = TOKENS.find(([re]) => re.test(rest));
    if (!tok) {
      throw new WorthError(
        'config',
        { path: configPath },
        layout,
        'a date layout built from dd, mm (or mmm, a month name: mrt), yyyy (or jjjj), HH, mm, ss and - / . : , separators',
      );
    }
    const m = tok[0].exec(rest)!;
    let code = tok[1];
    if (code === 'MONTH_OR_MINUTE') code = afterHour ? '%M' : '%m';
    if (code === '%H') afterHour = true;
    out += code;
    rest = rest.slice(m[0].length);
  }
  // A month name and a year without a day (`december 2025`, `mmm yyyy`: a monthly invoice's
  // period) read as the month's first day.
  const monthOnly = /%b/.test(out) && !/%H/.test(out);
  if (!/%Y|%y/.test(out) || !/%m|%b/.test(out) || (!/%d/.test(out) && !monthOnly)) {
    throw new WorthError(
      'config',
      { path: configPath },
      layout,
      'a date layout with a day, a month and a year (e.g. dd-mm-yyyy), or a month name and a year (mmm yyyy)',
    );
  }
  return out;
}

function checkStrptime(layout: string, configPath: string): string {
  if (!/^(%[YymbdHMSf]|[ \-/.:T,])+$/.test(layout)) {
    throw new WorthError(
      'config',
      { path: configPath },
      layout,
      'strptime codes %Y %y %m %b %d %H %M %S %f with - / . : separators',
    );
  }
  return layout;
}

/**
 * The two-digit-year twins of the layouts with a four-digit year (`%d-%m-%Y` -> `%d-%m-%y`), to
 * be tried first: an export written `dd-mm-jjjj` often has a few dates typed by hand as `d-m-jj`
 * (`27-1-24`), which a four-digit year reads as the year 24. A twin refuses a four-digit year
 * (`27-01-2024` leaves `24` unread), so the layout's own dates are read as before; a two-digit
 * year is 2000-2068 for 00-68 and 1969-1999 for 69-99 (strptime's `%y`).
 */
export function twoDigitYearFormats(formats: readonly string[]): string[] {
  return formats.filter((f) => f.includes('%Y')).map((f) => f.replace('%Y', '%y'));
}
