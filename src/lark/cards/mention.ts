/** Lark's text mention of a person; the name is stripped of markup so a roster name cannot inject any. */
export function mentionPerson(person: { openId: string; name: string }): string {
  return `<at user_id="${person.openId}">${person.name.replace(/[<>&"]/g, '')}</at>`;
}
