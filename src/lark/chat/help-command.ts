import { exampleReply } from '../../domain/forms/example-reply.js';
import { campaignsFor } from '../../domain/responses/campaigns-for.js';
import { commonTexts } from '../../texts/common-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';

/**
 * Lists what the asker's role may use, straight from the registry, so help never drifts; and how
 * to answer each of their own campaigns (a principal sees 本月安排：…, a teacher 走访5户 …).
 */
export function createHelpCommand(all: () => readonly Command[]): Command {
  return {
    name: '帮助',
    aliases: ['help', '?', '？', '菜单'],
    usage: '帮助',
    summary: '查看可用的命令',
    roles: ['teacher', 'principal', 'bureau', 'admin'],
    async run({ person, campaigns }) {
      const lines = all()
        .filter((c) => c.roles.includes(person.role))
        .map((c) => `• ${c.usage} — ${c.summary}`);
      const { open, notOpen } = campaignsFor(person, campaigns);
      const mine = [...open.map((o) => o.campaign), ...notOpen];
      const examples = mine.map((c) => commonTexts.helpExample(escapeText(c.title), escapeText(exampleReply(c.definition.form.fields))));
      return {
        text: [commonTexts.helpHeader(escapeText(person.name)), ...lines, ...(examples.length ? [commonTexts.helpExamplesHeader, ...examples] : []), commonTexts.helpFooter].join('\n'),
      };
    },
  };
}
