import type { Db } from '../../db/database.js';
import { listSchoolsWithAided } from '../../db/queries/aid-check.js';
import { enqueueMessages, outboxKey } from '../../db/queries/outbox.js';
import { listActivePrincipals } from '../../db/queries/people.js';
import { schoolChatTargets } from '../roster/school-destination.js';
import { addDays } from '../calendar/local-date.js';
import type { SchoolCalendar } from '../calendar/school-calendar.js';
import type { Term } from '../calendar/types.js';
import type { MessagePresenter } from '../messages/message-presenter.js';
import { localDate } from '../time/zoned-time.js';
import { termOf } from './aid-term.js';

/** The prompt goes out in a term's first month (from its first day, this many days). */
const PROMPT_DAYS = 30;

/**
 * 精准资助大排查 each term: in its first month, each school with aided students gets one card in its
 * chat saying how many to check and how (家访 … 资助：… 资格：…). Counts only, never a name. Once per
 * term per school: the outbox key is the guard, so ticks may repeat.
 */
export async function promptAidCheck(
  db: Db,
  now: Date,
  o: { schedule: { timezone: string; calendar: SchoolCalendar; terms: readonly Term[] }; present: Pick<MessagePresenter, 'aidCheckPromptCard'> },
): Promise<{ prompted: number }> {
  const { timezone, calendar, terms } = o.schedule;
  const today = localDate(now, timezone);
  const term = termOf(terms, today);
  if (!term || today >= addDays(term.from, PROMPT_DAYS) || !calendar.isWorkday(today)) return { prompted: 0 };
  const [schools, principals] = await Promise.all([listSchoolsWithAided(db), listActivePrincipals(db)]);
  const prompted = await enqueueMessages(
    db,
    now,
    // A school without a usable chat: its principal gets the card 1:1.
    schools.flatMap((s) =>
      schoolChatTargets({ id: s.schoolId, chatId: s.chatId, botRemovedAt: s.botRemovedAt }, principals).map(({ to, keyParts }) => ({
        key: outboxKey('aid-check-prompt', term.from, s.schoolId, ...keyParts),
        kind: 'aid-check-prompt',
        to,
        msgType: 'interactive' as const,
        content: o.present.aidCheckPromptCard({ term: term.name, aided: s.aided }),
        notBefore: calendar.nextWindowOpening(now),
      })),
    ),
  );
  return { prompted };
}
