import type { AlertLevel, RiskFlag } from '../../db/schema/students.js';

/** Flags that put a child straight on 预警: a child about to leave school, a family falling back, danger. */
const URGENT: readonly RiskFlag[] = ['辍学风险', '返贫风险', '安全'];

/**
 * Where a visit's risk flags put a student on the register (正常 → 关注 → 预警): an urgent flag
 * means 预警 at once; another flag raises one step. A visit with no flag changes nothing — only
 * 解除预警, with its reason, brings a student back to 正常.
 */
export function levelAfterVisit(current: AlertLevel, risks: readonly RiskFlag[]): AlertLevel {
  if (risks.length === 0) return current;
  if (risks.some((r) => URGENT.includes(r))) return 'alert';
  return current === 'normal' ? 'watch' : 'alert';
}

export const isRaise = (from: AlertLevel, to: AlertLevel) => rank(to) > rank(from);
const rank = (level: AlertLevel) => ({ normal: 0, watch: 1, alert: 2 })[level];
