/**
 * Real-world export shapes from `worth init DIR --from FILE` to `worth analyze` (and `worth
 * report` for one), each command a real child process, with no hand edit of worth.yaml: the
 * gross, returns and net per customer equal the file's own totals (added up from the
 * generated rows in BigInt cents, test/fixtures/exportShapes.ts), and the rejects are exactly
 * the lines broken on purpose.
 */
import { describe, expect, it } from 'vitest';
import { endToEnd } from './endToEnd.ts';
import {
  dutchWholesale,
  englishAccounting,
  tabText,
  xlsxWholesale,
  type ShapedExport,
} from '../fixtures/exportShapes.ts';

/** init --from, ingest, analyze (and report when asked) on `x` (endToEnd.ts); each reject a whole line with its code. */
async function run(x: ShapedExport, report = false) {
  const r = await endToEnd(x, {
    rejects: 'each',
    // The stable code (the reason itself is in the export's language).
    codes: (why) => [why === 'totals' ? 'totals_line' : 'wrong_field_count'],
    sums: 'gross',
    ingestJson: true,
    analyzeJson: true,
    report,
    noReviewMarks: false,
  });
  for (const reject of r.rejects) {
    expect(['(whole line)', '(hele regel)']).toContain(reject.column);
    expect(reject.value.length).toBeGreaterThan(0);
  }
  return r;
}

describe('export shapes from init --from to analyze, no hand edit', () => {
  it('Dutch wholesale CSV: ;, 1.234,56, dd-mm-jjjj, BOM, CRLF, credit notes, a short and a long row', async () => {
    const x = dutchWholesale(21);
    const { yaml, init } = await run(x, true);
    expect(yaml).toContain(
      'format: { delimiter: ";", decimal: ",", date_format: dd-mm-yyyy, encoding: utf-8 }',
    );
    expect(yaml).toContain('gross_amount: Aantal * col("Prijs per stuk")');
    expect(yaml).toContain('when: Aantal < 0');
    // The preview counts the broken lines as rejects, by reason.
    expect(init.stdout).toMatch(/2 afgewezen/);
  }, 600_000);

  it('English accounting export: windows-1252, quoted commas and line break, (12.50) and 12.50- credits, a Total line', async () => {
    const x = englishAccounting(22);
    const { yaml } = await run(x);
    expect(yaml).toContain(
      'format: { delimiter: ",", decimal: ".", thousands: ",", date_format: dd/mm/yyyy, encoding: windows-1252 }',
    );
    expect(yaml).toContain('when: col("Net Amount") < 0');
  }, 600_000);

  it('XLSX wholesale: title rows above the header, Excel and text dates, numbers as text, a totals row', async () => {
    const x = await xlsxWholesale(24);
    const { yaml } = await run(x);
    expect(yaml).toContain('format: { date_format: dd-mm-yyyy, skip_lines: 3 }');
    expect(yaml).toContain('gross_amount: Aantal * Prijs');
  }, 600_000);

  it('tab-delimited text with short rows', async () => {
    const x = tabText(23);
    const { yaml } = await run(x);
    expect(yaml).toContain('delimiter: "\\t"');
  }, 600_000);
});
