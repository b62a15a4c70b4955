import { describe, expect, it } from 'vitest';
import { webhookDoors } from '../helpers/webhook-doors.js';

/**
 * The other way an event is handled: stored at its 200 and handled after it, from the table —
 * what Ducha does with events past DUCHA_EVENTS_INLINE handled at once, or while Postgres is slow,
 * and with every event when it is 0, as here. (Handled inside the request, the way while Ducha
 * keeps up: webhook-pipeline-accepted.test.ts; when to switch: test/unit/inline-gate.test.ts.)
 */
const doors = webhookDoors({ env: { DUCHA_EVENTS_INLINE: '0' } });
const { deliver, personSays, repliesTo, storedEvent, logMark, logLines } = doors;

describe('events stored first', () => {
  it('are stored at their 200 and handled after it, from the table, each answered once', async () => {
    const mark = logMark();
    const said = Array.from({ length: 30 }, (_, i) => personSays(i % 2 ? '帮助' : '我的'));
    const responses = await Promise.all(said.map((s) => deliver('/lark/events', s.envelope)));
    expect(responses.map((r) => r.status)).toEqual(said.map(() => 200));
    const ways = logLines()
      .slice(mark)
      .map((line) => line.msg)
      .filter((msg) => msg === 'event handled' || msg === 'event accepted');
    expect(ways).toEqual(said.map(() => 'event accepted'));

    await doors.ducha().settle();
    for (const s of said) expect(repliesTo(s.messageId)).toHaveLength(1);
    for (const s of said) {
      const [row] = await storedEvent(s.envelope.header.event_id);
      expect(row!.processedAt).not.toBeNull();
      expect(row!.payload).toBeNull();
    }
  });
});
