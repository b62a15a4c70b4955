import { expect } from 'vitest';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';
import { MONTHLY } from './demo-county.js';

/** Readers of the reminders, reminder cards and nudges the bot sends. */

/** The teachers' check-in reminder: a card to a principal naming the teachers who still owe it. */
export const isReminder = (m: SandboxMessage) => m.msg_type === 'interactive' && m.text.includes(`「${MONTHLY}」填报提醒`);

/** The open_ids a message @-mentions, sorted. */
export const mentionedIds = (text: string) => [...text.matchAll(/<at user_id="([^"]+)">/g)].map((m) => m[1]!).sort();

/** The names a reminder card lists as missing (the line under "…未填报："), in order. */
export function namesOnCard(card: SandboxMessage): string[] {
  const m = /未填报[：:]\s*\n([^\n]*)/.exec(card.text);
  expect(m, `no list of names in: ${card.text}`).not.toBeNull();
  return m![1]!.split('、').map((s) => s.trim()).filter(Boolean);
}

/**
 * A principals' campaign reminds each principal who still owes it, 1:1, in plain text (there is
 * nobody to nudge): exactly one message to each of `to`, naming the round, the campaign and the deadline.
 */
export function expectRespondentReminders(messages: SandboxMessage[], o: { to: string[]; period: string; title: string; due: string }) {
  const about = messages.filter((m) => m.text.includes(`${o.period}「${o.title}」`));
  expect(about.map((m) => m.receive_id).sort()).toEqual([...o.to].sort());
  for (const m of about) {
    expect(m.msg_type).toBe('text');
    expect(m.receive_id_type).toBe('open_id');
    expect(m.chat_type).toBe('p2p');
    expect(m.chat_id).toBe(`oc_p2p_${m.receive_id}`);
    expect(m.text).toContain(`${o.period}「${o.title}」还没有收到您的填报，截止 ${o.due}`);
  }
  return about;
}

/** Which principals' campaign a 1:1 message is about, and whether it is a prompt card or a reminder. */
export const principalMessageKind = (m: SandboxMessage) =>
  `${m.msg_type === 'interactive' ? 'prompt' : 'reminder'} ${['月有安排', '半年有总结', '全年有汇报'].filter((t) => m.text.includes(t)).join('+')}`;
