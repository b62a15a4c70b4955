import { readAidOverview } from '../../domain/aid-check/read-aid-overview.js';
import { aidTexts as t } from '../../texts/aid-texts.js';
import { aidStatusNames, eligibilityNames } from '../../texts/visit-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';

/**
 * `资助`: the principal's view of the semester aid check (精准资助大排查). In the school chat only
 * the counts; 1:1 also the open follow-ups by name (each listing audited).
 */
export const aidCommand: Command = {
  name: '资助',
  aliases: ['資助'],
  needsBoundary: true,
  usage: '资助',
  summary: '查看本校受资助学生本学期的核查进度和待核实的资助跟进（校长）',
  roles: ['principal'],
  ownSchoolChatOnly: true,
  async run(ctx) {
    const overview = await readAidOverview(ctx.db, ctx.now, {
      person: ctx.person,
      timezone: ctx.timezone,
      withNames: !ctx.inGroup,
      origin: { channel: 'chat', chatId: ctx.chatId ?? null },
    });
    const { term, coverage } = overview;
    const head = coverage.aided === 0 ? t.noAided(escapeText(term.name)) : t.coverage({ term: escapeText(term.name), ...coverage, open: overview.openCount });
    const howTo = coverage.checked < coverage.aided ? [t.howToCheck] : [];
    if (ctx.inGroup) return { text: [head, ...howTo, ...(overview.openCount > 0 ? [t.groupHint] : [])].join('\n') };
    const list =
      overview.open.length === 0
        ? [t.noOpen]
        : [
            t.openHeader,
            ...overview.open.map((f) =>
              t.openLine({
                name: escapeText(f.name),
                className: escapeText(f.className),
                day: f.visitedOn,
                aid: f.aidStatus ? aidStatusNames[f.aidStatus] : t.notWritten,
                eligibility: f.eligibility ? eligibilityNames[f.eligibility] : t.notWritten,
              }),
            ),
          ];
    return { text: [head, ...list, ...howTo].join('\n') };
  },
};
