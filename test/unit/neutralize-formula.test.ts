import { describe, expect, it } from 'vitest';
import { neutralizeFormula } from '../../src/domain/export/export-responses.js';

describe('neutralizeFormula (CSV cells opened in Excel or WPS)', () => {
  it.each(['=1+1', '+86 138', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1'])('prefixes a quote to %j, which a spreadsheet would read as a formula', (cell) => {
    expect(neutralizeFormula(cell)).toBe(`'${cell}`);
  });

  it.each(['2026-12-03T11:30:15+08:00', '6', '0', '', '张国敏', 'ou_t1', "'already text", '说明=无', ' =1'])('leaves %j as it is', (cell) => {
    expect(neutralizeFormula(cell)).toBe(cell);
  });
});
