import { describe, expect, it } from 'vitest';
import { RowBuffer } from '../../src/demo/rowBuffer.ts';

function written(fill: (rb: RowBuffer) => void): string {
  const chunks: Uint8Array[] = [];
  const rb = new RowBuffer((c) => chunks.push(Uint8Array.from(c)));
  fill(rb);
  rb.flush();
  return Buffer.concat(chunks).toString('utf8');
}

describe('RowBuffer: fields formatted in place', () => {
  it('writes integers, zero-padded ids and money exactly like String / padStart / toFixed', () => {
    const numbers = [
      0,
      1,
      9,
      10,
      11,
      99,
      100,
      101,
      999,
      1000,
      12345,
      99999999,
      100000000,
      123456789,
      2147483647,
      2147483648,
      2 ** 53 - 1,
    ];
    let expected = '';
    const text = written((rb) => {
      for (const n of numbers) {
        for (const width of [0, 1, 2, 8, 9]) {
          rb.row();
          rb.padded(n, width);
          rb.byte(44);
          rb.uint(n);
          rb.byte(10);
          expected += `${String(n).padStart(width, '0')},${n}\n`;
        }
      }
      for (let c = -250; c < 300_000; c += 7) {
        rb.row();
        rb.cents(c, 44);
        rb.byte(59);
        rb.tenths(Math.abs(c), 46);
        rb.byte(10);
        expected += `${(c / 100).toFixed(2).replace('.', ',')};${(Math.abs(c) / 10).toFixed(1)}\n`;
      }
    });
    expect(text).toBe(expected);
  });

  it('writes text as UTF-8 and hands out chunks of whole rows', () => {
    const chunks: Buffer[] = [];
    const rb = new RowBuffer((c) => chunks.push(Buffer.from(c)));
    for (let i = 0; i < 20_000; i++) {
      rb.row();
      rb.text(`Café 't Hoekje ${i} Zoë Yılmaz`);
      rb.byte(10);
    }
    rb.flush();
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c[c.length - 1]).toBe(10);
    const lines = Buffer.concat(chunks).toString('utf8').split('\n');
    expect(lines[19_999]).toBe("Café 't Hoekje 19999 Zoë Yılmaz");
  });
});
