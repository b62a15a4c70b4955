import { describe, expect, it } from 'vitest';
import { dropoutStates, type DropoutState } from '../../src/db/schema/children-followup.js';
import { allowedNextStates, checkDropoutTransition, DROPOUT_TRANSITIONS, isClosedState } from '../../src/domain/dropouts/dropout-transitions.js';

const teacher = { role: 'teacher' as const, ownSchool: true };
const principal = { role: 'principal' as const, ownSchool: true };
const bureau = { role: 'bureau' as const, ownSchool: false };

describe('控辍保学 transitions (the one table)', () => {
  it('allows exactly the spec’s moves', () => {
    const moves = dropoutStates.flatMap((from) => allowedNextStates(from).map((to) => `${from}→${to}`));
    expect(moves.sort()).toEqual(
      [
        'suspected→dropped',
        'suspected→returned',
        'suspected→transferred',
        'suspected→exempted',
        'dropped→persuading',
        'dropped→transferred',
        'dropped→exempted',
        'persuading→returned',
        'persuading→exempted',
      ].sort(),
    );
  });

  it('closed states have no moves and every open one may be exempted', () => {
    for (const s of dropoutStates) {
      expect(isClosedState(s)).toBe(['returned', 'transferred', 'exempted'].includes(s));
      if (isClosedState(s)) expect(allowedNextStates(s)).toEqual([]);
      else expect(DROPOUT_TRANSITIONS[s].exempted).toBe('approver');
    }
  });

  it('refuses a move not in the table, naming the allowed ones', () => {
    expect(checkDropoutTransition('suspected', 'persuading', teacher)).toEqual({ ok: false, reason: 'invalid', allowed: ['dropped', 'returned', 'transferred', 'exempted'] });
    expect(checkDropoutTransition('returned', 'dropped', principal)).toEqual({ ok: false, reason: 'invalid', allowed: [] });
    expect(checkDropoutTransition('persuading', 'transferred', teacher)).toMatchObject({ reason: 'invalid' });
  });

  it('staff moves are for the school’s teachers and principal; 已豁免 for the principal or the bureau', () => {
    const cases: [DropoutState, DropoutState, Parameters<typeof checkDropoutTransition>[2], boolean][] = [
      ['suspected', 'dropped', teacher, true],
      ['suspected', 'dropped', principal, true],
      ['suspected', 'dropped', { role: 'teacher', ownSchool: false }, false],
      ['suspected', 'dropped', bureau, false],
      ['dropped', 'exempted', teacher, false],
      ['dropped', 'exempted', principal, true],
      ['dropped', 'exempted', bureau, true],
      ['dropped', 'exempted', { role: 'principal', ownSchool: false }, false],
      ['persuading', 'exempted', { role: 'admin', ownSchool: false }, false],
    ];
    for (const [from, to, who, ok] of cases) expect(checkDropoutTransition(from, to, who).ok, `${who.role} ${from}→${to}`).toBe(ok);
  });
});
