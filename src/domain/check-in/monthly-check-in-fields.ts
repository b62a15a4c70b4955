// The monthly check-in form: how many homes were visited, phoned, and how many students newly
// flagged, plus an optional note. Labels are the phrasings teachers actually use.
import { parseReply, type ReplyField } from './parse-reply.js';

export const monthlyCheckInFields: readonly ReplyField[] = [
  { name: 'home_visits', kind: 'count', labels: ['入户走访', '走访', '入户', '家访', '上门走访', '上门'] },
  {
    name: 'phone_followups',
    kind: 'count',
    labels: ['电话随访', '电话回访', '电话家访', '电话联系', '电访', '电话', '随访'],
  },
  { name: 'new_alerts', kind: 'count', labels: ['新增预警学生', '新增预警', '预警新增', '新发现预警', '预警'] },
  { name: 'note', kind: 'text', labels: ['备注', '说明'], maxLength: 500 },
];

export type MonthlyCheckIn = {
  homeVisits: number;
  phoneFollowups: number;
  newAlerts: number;
  note: string | null;
  recognized: string[];
  // Fields written with an unacceptable number ("走访-3户"); the caller should ask again.
  rejected: string[];
};

// Null when the message is not a check-in at all. Counts the teacher left out are 0.
export function parseMonthlyCheckIn(text: string): MonthlyCheckIn | null {
  const reply = parseReply(text, monthlyCheckInFields);
  if (!reply) return null;
  const count = (name: string): number => {
    const value = reply.values[name];
    return typeof value === 'number' ? value : 0;
  };
  const note = reply.values['note'];
  return {
    homeVisits: count('home_visits'),
    phoneFollowups: count('phone_followups'),
    newAlerts: count('new_alerts'),
    note: typeof note === 'string' ? note : null,
    recognized: reply.recognized,
    rejected: reply.rejected,
  };
}
