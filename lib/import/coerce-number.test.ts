import { describe, expect, it } from 'vitest';
import { decimalEvidenceInto, newDecimalEvidence, NumberFormatDetector, parseNumber, type NumberFormat } from './coerce-number';

const DOT: NumberFormat = { decimal: '.', threeDigitDecimals: 'ask' };
const COMMA: NumberFormat = { decimal: ',', threeDigitDecimals: 'ask' };
const val = (s: string, f: NumberFormat = DOT) => {
  const p = parseNumber(s, f);
  return p.status === 1 ? p.value : p.status === 0 ? null : `error: ${p.reason}`;
};

describe('parseNumber, dot-decimal', () => {
  it('reads plain numbers, signs and blanks (blank is null, never 0)', () => {
    expect(['12', '-6', '+3', '0', '0.5', '.5', '5.', '007', '', '   '].map((s) => val(s))).toEqual([12, -6, 3, 0, 0.5, 0.5, 5, 7, null, null]);
  });

  it('reads thousands separators in groups of three', () => {
    expect(['1,200', '1,234,567.89', '1 200', "1'234.5", '12,345.6', '1,00,000'].map((s) => val(s))).toEqual([1200, 1234567.89, 1200, 1234.5, 12345.6, 100000]);
  });

  it('rejects misplaced grouping and decimal commas in a dot file', () => {
    expect(val('1,2')).toMatch(/misplaced separator/);
    expect(val('12,34,5')).toMatch(/misplaced separator/);
    expect(val('1.419,06')).toMatch(/does not match the file's number format/);
    expect(val('1.2.3')).toMatch(/more than one "\."/);
  });

  it('flags 2.500 as ambiguous unless the file says three decimals are decimals', () => {
    expect(val('2.500')).toMatch(/ambiguous: it could be 2\.5 or 2500/);
    expect(val('0.500')).toBe(0.5);
    expect(val('1200.500')).toBe(1200.5);
    expect(val('2.500', { decimal: '.', threeDigitDecimals: 'decimal' })).toBe(2.5);
    expect(val('2.50')).toBe(2.5);
  });

  it('reads currency signs and accounting negatives', () => {
    expect(['$1,234.56', '€12', '12 €', '£0.99', '-$5', '$-5', 'US$7', '(12.50)', '($1,000.00)', '12.50-', '−3'].map((s) => val(s))).toEqual([
      1234.56, 12, 12, 0.99, -5, -5, 7, -12.5, -1000, -12.5, -3,
    ]);
    expect(parseNumber('(12.50)').accountingNegative).toBe(true);
    expect(parseNumber('$3').currency).toBe(true);
  });

  it('rejects units, words and double signs', () => {
    expect(val('7 days')).toMatch(/not a plain number/);
    expect(val('12kg')).toMatch(/not a plain number/);
    expect(val('abc')).toMatch(/not a number/);
    expect(val('--5')).toMatch(/not a number/);
    expect(val('(-5)')).toMatch(/not a number/);
    expect(val('5 USD')).toMatch(/not a/);
    expect(val('0x10')).toMatch(/not a/);
    expect(val('Infinity')).toMatch(/not a number/);
  });

  it('reads percent and E-notation with flags', () => {
    const p = parseNumber('95%');
    expect(p).toMatchObject({ status: 1, value: 0.95, percent: true });
    expect(parseNumber('12.3456%').value).toBe(0.123456);
    expect(parseNumber('12.5%').value).toBe(0.125);
    expect(parseNumber('1.5E+3')).toMatchObject({ status: 1, value: 1500, scientific: true });
    expect(parseNumber('5.01235E+12')).toMatchObject({ status: 1, scientific: true });
  });

  it('notices digits beyond what a double holds', () => {
    expect(parseNumber('9007199254740993').tooPrecise).toBe(true);
    expect(parseNumber('123456789012345').tooPrecise).toBe(false);
    expect(parseNumber('1.50000000000000000').tooPrecise).toBe(false);
  });

  it('never returns -0', () => {
    expect(Object.is(parseNumber('-0').value, 0)).toBe(true);
  });
});

describe('parseNumber, comma-decimal', () => {
  it('reads European numbers', () => {
    expect(['1.419,06', '375,00', '7', '1 234,5', '-0,75', '€ 1.000,00', '1.234.567'].map((s) => val(s, COMMA))).toEqual([1419.06, 375, 7, 1234.5, -0.75, 1000, 1234567]);
  });

  it('flags 1,200 as ambiguous in a comma file and rejects dot decimals', () => {
    expect(val('1,200', COMMA)).toMatch(/ambiguous: it could be 1\.2 or 1200/);
    expect(val('1,5', COMMA)).toBe(1.5);
    expect(val('1,234.56', COMMA)).toMatch(/does not match/);
  });
});

describe('NumberFormatDetector', () => {
  function detect(values: string[]) {
    const d = new NumberFormatDetector();
    for (const v of values) d.add(v);
    return d.decide();
  }

  it('case 18: 1200.5 proves dot; 1,200 shows grouping so 2.500 stays a question', () => {
    const r = detect(['1,200', '2.500', '1200.5']);
    expect(r.format).toEqual({ decimal: '.', threeDigitDecimals: 'ask' });
    expect(r.ambiguousExamples).toEqual(['1,200', '2.500']);
    expect(r.uncertain).toBe(false);
  });

  it('case 02: 1.419,06 and 375,00 prove comma', () => {
    expect(detect(['1.419,06', '375,00', '7', '21', '3']).format.decimal).toBe(',');
  });

  it('a file that never groups and writes big numbers plainly reads 706.811 as a decimal', () => {
    expect(detect(['1059.31', '706.811', '12.0278', '0']).format).toEqual({ decimal: '.', threeDigitDecimals: 'decimal' });
  });

  it('proven three-decimal values make three decimals decimals', () => {
    expect(detect(['0.125', '2.500']).format.threeDigitDecimals).toBe('decimal');
  });

  it('is uncertain with only ambiguous values, or with conflicting evidence', () => {
    expect(detect(['1,200', '3,500']).uncertain).toBe(true);
    expect(detect(['1.5', '2,25']).uncertain).toBe(true);
    expect(detect(['1', '2', '3']).uncertain).toBe(false);
  });
});

describe('the short path for plain digits', () => {
  // A leading space keeps a value off the short path (it is trimmed by the general reading),
  // so " x" and "x" must always read the same.
  const plain: string[] = ['0', '6', '12', '007', '1234', '15000', '.5', '5.', '0.125', '2.500', '1.250', '12.345', '123.456', '1234.567', '0.000', '2.55', '999999999999999', '1234567890123456', '.', '12.3.4', '1.2345678901234'];
  for (let i = 0; i < 400; i++) {
    const digits = String(Math.floor(Math.abs(Math.sin(i + 1)) * 10 ** (1 + (i % 9))));
    const at = i % (digits.length + 1);
    plain.push(i % 3 === 0 ? digits : `${digits.slice(0, at)}.${digits.slice(at)}`);
  }
  const formats: NumberFormat[] = [DOT, COMMA, { decimal: '.', threeDigitDecimals: 'decimal' }, { decimal: '.', threeDigitDecimals: 'ask', groupingAmbiguous: true }];

  it('parses exactly as the general reading does', () => {
    for (const f of formats) for (const s of plain) expect({ s, ...parseNumber(s, f) }).toEqual({ s, ...parseNumber(` ${s}`, f) });
  });

  it('builds the very double Number() reads, wherever the decimal point is', () => {
    // The short path computes digits ÷ 10^k instead of calling Number(); both round once.
    const values: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const digits = String(Math.floor(Math.abs(Math.sin(i + 7)) * 10 ** (1 + (i % 15)))).slice(0, 14);
      for (let at = 0; at <= digits.length; at++) values.push(`${digits.slice(0, at)}.${digits.slice(at)}`);
    }
    for (const s of values) {
      const p = parseNumber(s, { decimal: '.', threeDigitDecimals: 'decimal' });
      if (p.status !== 1 || !Object.is(p.value, Number(s))) expect({ s, value: p.value }).toEqual({ s, value: Number(s) });
    }
  });

  it('gives the same decimal-mark evidence', () => {
    for (const s of plain) {
      const a = decimalEvidenceInto(s, newDecimalEvidence());
      const b = decimalEvidenceInto(` ${s}`, newDecimalEvidence());
      expect({ s, ...a }).toEqual({ s, ...b });
    }
  });
});
