import { escapeText } from './escape-markdown.js';

/** Lark's text mention of a person; the name is escaped so a roster name cannot inject any markup. */
export function mentionPerson(person: { openId: string; name: string }): string {
  return `<at user_id="${person.openId}">${escapeText(person.name)}</at>`;
}
