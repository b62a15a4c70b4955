/** Ids from the roster to try the sandbox with (texts import nothing: a structural copy of RosterGuide). */
type Guide = {
  teacher: { openId: string; chatId: string } | undefined;
  principal: { openId: string } | undefined;
  bureau: { openId: string; chatId: string } | undefined;
};

const json = `-H 'content-type: application/json'`;

/** What `npm start` prints in sandbox mode: how to walk the loop with curl, with ids from the actual roster. */
export const sandboxTexts = {
  banner: (url: string, o: { seeded: boolean; guide: Guide }) =>
    [
      '',
      `督查 Ducha is running in sandbox mode at ${url} (no Lark app configured: a local Lark sandbox stands in).`,
      o.seeded
        ? 'Loaded the demo county (Mei County, 16 sample schools) and, if none was stored, an example 2026-27 school calendar (terms and vacations named 示例).'
        : 'Using the roster already in the database.',
      "The sandbox's messages and its clock live in memory: a restart forgets them (the database keeps the rest).",
      '',
      'Try the monthly loop:',
      "  # move the app's clock to the opening of the December round, and run the scheduler",
      `  curl -s -XPOST ${url}/sandbox/clock ${json} -d '{"now":"2026-12-01T09:00:00+08:00"}'`,
      `  curl -s -XPOST ${url}/sandbox/tick`,
      ...(o.guide.teacher
        ? [
            '  # a teacher answers in her school chat; the reply is the bot\'s receipt',
            `  curl -s -XPOST ${url}/sandbox/say ${json} \\`,
            `    -d '{"open_id":"${o.guide.teacher.openId}","chat_id":"${o.guide.teacher.chatId}","text":"走访5户 电话3户 新增预警1人"}'`,
          ]
        : ['  # (no teacher with a school chat in the roster yet: import one with npm run cli -- import-roster FILE)']),
      ...(o.guide.bureau
        ? [
            '  # a bureau officer asks for the summary card',
            `  curl -s -XPOST ${url}/sandbox/say ${json} \\`,
            `    -d '{"open_id":"${o.guide.bureau.openId}","chat_id":"${o.guide.bureau.chatId}","text":"汇总"}'`,
          ]
        : []),
      ...(o.guide.principal ? [`  # what a principal received 1:1`, `  curl -s "${url}/sandbox/messages?open_id=${o.guide.principal.openId}"`] : []),
      '  # everything the bot has sent',
      `  curl -s ${url}/sandbox/messages`,
      '',
    ].join('\n'),
};
