import { describe, expect, it } from 'vitest';
import { levelAfterVisit } from '../../src/domain/register/alert-register.js';
import { studentViewFor } from '../../src/domain/register/student-access.js';

describe('the alert register: where a visit puts a student', () => {
  it('no risk changes nothing, whatever the level', () => {
    for (const level of ['normal', 'watch', 'alert'] as const) expect(levelAfterVisit(level, [])).toBe(level);
  });
  it('an urgent risk (辍学风险, 返贫风险, 安全) means 预警 at once', () => {
    for (const risk of ['辍学风险', '返贫风险', '安全'] as const) expect(levelAfterVisit('normal', [risk])).toBe('alert');
  });
  it('another risk raises one step: 正常 → 关注 → 预警, and 预警 stays', () => {
    expect(levelAfterVisit('normal', ['心理健康'])).toBe('watch');
    expect(levelAfterVisit('watch', ['资助不符'])).toBe('alert');
    expect(levelAfterVisit('alert', ['心理健康'])).toBe('alert');
  });
});

describe('who sees what of a student (1:1)', () => {
  const student = { schoolId: 1, mentorId: 10 };
  const teacher = (id: number, schoolId: number) => ({ id, role: 'teacher' as const, schoolId });
  it('a teacher of the school: name and class; detail when mentoring or having visited', () => {
    expect(studentViewFor(teacher(11, 1), student, { visited: false })).toBe('basic');
    expect(studentViewFor(teacher(10, 1), student, { visited: false })).toBe('detail');
    expect(studentViewFor(teacher(11, 1), student, { visited: true })).toBe('detail');
  });
  it('a teacher or principal of another school: nothing, even having "visited"', () => {
    expect(studentViewFor(teacher(12, 2), student, { visited: true })).toBe('none');
    expect(studentViewFor({ id: 20, role: 'principal', schoolId: 2 }, student, { visited: false })).toBe('none');
  });
  it('the school’s principal, the bureau and the admin: detail', () => {
    expect(studentViewFor({ id: 21, role: 'principal', schoolId: 1 }, student, { visited: false })).toBe('detail');
    expect(studentViewFor({ id: 30, role: 'bureau', schoolId: null }, student, { visited: false })).toBe('detail');
    expect(studentViewFor({ id: 31, role: 'admin', schoolId: null }, student, { visited: false })).toBe('detail');
  });
});
