import { describe, expect, it } from 'vitest';
import { startTestDucha } from '../helpers/test-ducha.js';

const SKIPPED_DECEMBER = 'monthly-monitoring 2026-12: deadline passed before it was opened';

describe("the tick's report", () => {
  it('says a round was skipped only when it never opened, not when it opened in time and is now past due', async () => {
    const ducha = await startTestDucha({ now: '2026-12-01T09:00:00+08:00', roster: 'demo' });
    try {
      const opening = await ducha.tick();
      expect(opening.rounds.opened.map((o) => `${o.campaign} ${o.period}`)).toContain('monthly-monitoring 2026-12');
      const afterDeadline = await ducha.tick('2026-12-28T10:00:00+08:00');
      expect(afterDeadline.rounds.skipped).not.toContain(SKIPPED_DECEMBER);
    } finally {
      await ducha.close();
    }
  });

  it('a server first started after the deadline reports December as skipped, and opens nothing for it', async () => {
    const ducha = await startTestDucha({ now: '2026-12-28T10:00:00+08:00', roster: 'demo' });
    try {
      const report = await ducha.tick();
      expect(report.rounds.skipped).toContain(SKIPPED_DECEMBER);
      expect(report.rounds.opened.map((o) => o.campaign)).not.toContain('monthly-monitoring');
    } finally {
      await ducha.close();
    }
  });
});
