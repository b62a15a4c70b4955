import type { Role } from '../../db/schema/roster.js';
import { closedDropoutStates, type DropoutState } from '../../db/schema/children-followup.js';

/**
 * Who may make a move: `staff` is a teacher or the principal of the child's school; `approver`
 * (已豁免 only) is that school's principal or the bureau.
 */
export type TransitionBy = 'staff' | 'approver';

/**
 * 控辍保学's state machine, the one place it is written: 疑似 → 已辍学 → 劝返中 → 已返校, with
 * 疑似 → 已返校 for a false alarm, 疑似/已辍学 → 已转学, and any open case → 已豁免 by an approver.
 * A closed state has no moves: a closed case comes back only by reopening (疑似 again).
 */
export const DROPOUT_TRANSITIONS: Readonly<Record<DropoutState, Partial<Record<DropoutState, TransitionBy>>>> = {
  suspected: { dropped: 'staff', returned: 'staff', transferred: 'staff', exempted: 'approver' },
  dropped: { persuading: 'staff', transferred: 'staff', exempted: 'approver' },
  persuading: { returned: 'staff', exempted: 'approver' },
  returned: {},
  transferred: {},
  exempted: {},
};

export const isClosedState = (state: DropoutState): boolean => closedDropoutStates.includes(state);

/** The states a case may move to from `from`, in the table's order. */
export function allowedNextStates(from: DropoutState): DropoutState[] {
  return Object.keys(DROPOUT_TRANSITIONS[from]) as DropoutState[];
}

export type TransitionCheck = { ok: true } | { ok: false; reason: 'invalid'; allowed: DropoutState[] } | { ok: false; reason: 'role'; by: TransitionBy };

/**
 * Whether a person of `role` at (`ownSchool`) or outside the child's school may move a case
 * from `from` to `to`. Pure: the verbs ask it, the tests pin it.
 */
export function checkDropoutTransition(from: DropoutState, to: DropoutState, who: { role: Role; ownSchool: boolean }): TransitionCheck {
  const by = DROPOUT_TRANSITIONS[from][to];
  if (!by) return { ok: false, reason: 'invalid', allowed: allowedNextStates(from) };
  const staff = (who.role === 'teacher' || who.role === 'principal') && who.ownSchool;
  const approver = (who.role === 'principal' && who.ownSchool) || who.role === 'bureau';
  return (by === 'staff' ? staff : approver) ? { ok: true } : { ok: false, reason: 'role', by };
}
