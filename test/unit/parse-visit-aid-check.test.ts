import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/errors.js';
import { normalizeText } from '../../src/domain/text/normalize-text.js';
import { parseVisitText } from '../../src/domain/visits/parse-visit-text.js';
import { isAidMismatch } from '../../src/domain/visits/read-aid-check.js';
import { visitFromForm } from '../../src/domain/visits/visit-from-form.js';

const TODAY = '2026-12-10';
const parse = (said: string) => parseVisitText({ text: normalizeText(said), said, today: TODAY });
const refusalCode = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  throw new Error('taken');
};

describe('the aid check in a visit text (资助：… 资格：…)', () => {
  it('is null when not written', () => {
    expect(parse('张小明 入户 父母在外务工 风险：无')).toMatchObject({ aidStatus: null, eligibility: null });
  });

  it.each([
    ['资助：已到位 资格：符合', 'full', 'eligible'],
    ['资助：部分到位 资格：待核实', 'partial', 'unverified'],
    ['资助:未到位 资格:不再符合', 'none', 'ineligible'],
    ['资格：符合 资助：已到位', 'full', 'eligible'],
    ['资助 部分到位 资格 符合', 'partial', 'eligible'],
  ])('reads %s', (labels, aidStatus, eligibility) => {
    const parsed = parse(`张小明 入户 父母在外务工 ${labels} 风险：无`);
    expect(parsed).toMatchObject({ aidStatus, eligibility, findings: '父母在外务工', risks: [] });
  });

  it('reads the labels in any order among the others, and in Traditional', () => {
    const parsed = parse('張小明 入戶 父母在外務工 資格：待核實 風險：返貧風險 資助：未到位 措施：聯繫鄉鎮');
    expect(parsed).toMatchObject({ aidStatus: 'none', eligibility: 'unverified', risks: ['返贫风险'], measures: '聯繫鄉鎮', findings: '父母在外務工' });
  });

  it('reads one label without the other', () => {
    expect(parse('张小明 电话 一切正常 资助：已到位')).toMatchObject({ aidStatus: 'full', eligibility: null });
  });

  it('leaves 资助 in the findings alone when no value follows it', () => {
    expect(parse('张小明 入户 家庭困难 资助 已申请 风险：无')).toMatchObject({ aidStatus: null, findings: '家庭困难 资助 已申请' });
  });

  it('refuses a value it does not know, and a label written twice', () => {
    expect(refusalCode(() => parse('张小明 入户 正常 资助：差不多'))).toBe('invalid_field');
    expect(refusalCode(() => parse('张小明 入户 正常 资格：也许'))).toBe('invalid_field');
    expect(refusalCode(() => parse('张小明 入户 正常 资助：已到位 资助：未到位'))).toBe('ambiguous_answer');
  });

  it('tells a mismatch', () => {
    expect(isAidMismatch({ aidStatus: 'full', eligibility: 'eligible' })).toBe(false);
    expect(isAidMismatch({ aidStatus: 'partial', eligibility: 'eligible' })).toBe(true);
    expect(isAidMismatch({ aidStatus: 'full', eligibility: 'unverified' })).toBe(true);
    expect(isAidMismatch({ aidStatus: null, eligibility: 'ineligible' })).toBe(true);
    expect(isAidMismatch({ aidStatus: null, eligibility: null })).toBe(false);
  });
});

describe('the aid check on the visit form', () => {
  const form = { student: '张小明', mode: 'home', findings: '正常' };
  it('reads the two selects, nothing chosen as null', () => {
    expect(visitFromForm({ ...form, aid_status: 'partial', eligibility: 'eligible' }, TODAY)).toMatchObject({ aidStatus: 'partial', eligibility: 'eligible' });
    expect(visitFromForm(form, TODAY)).toMatchObject({ aidStatus: null, eligibility: null });
  });
  it('refuses a value not offered', () => {
    expect(refusalCode(() => visitFromForm({ ...form, aid_status: 'some' }, TODAY))).toBe('invalid_field');
  });
});
