import { commonTexts } from '../../texts/common-texts.js';
import type { Command } from './command.js';

/** Lists what the asker's role may use, straight from the registry, so help never drifts. */
export function createHelpCommand(all: () => readonly Command[]): Command {
  return {
    name: '帮助',
    aliases: ['help', '?', '？', '菜单'],
    usage: '帮助',
    summary: '查看可用的命令',
    roles: ['teacher', 'principal', 'bureau', 'admin'],
    async run({ person }) {
      const lines = all()
        .filter((c) => c.roles.includes(person.role))
        .map((c) => `• ${c.usage} — ${c.summary}`);
      return { text: [commonTexts.helpHeader(person.name), ...lines, commonTexts.helpFooter].join('\n') };
    },
  };
}
