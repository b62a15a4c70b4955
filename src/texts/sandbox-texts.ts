/** What `npm start` prints in sandbox mode: how to walk the loop with curl. */
export const sandboxTexts = {
  banner: (url: string, seeded: boolean) => `
督查 Ducha is running in sandbox mode at ${url} (no Lark app configured: a local Lark sandbox stands in).
${seeded ? 'Loaded the demo county (Mei County, 16 sample schools).' : 'Using the roster already in the database.'}

Try the monthly loop:
  # move the app's clock to the opening of the December round, and run the scheduler
  curl -s -XPOST ${url}/sandbox/clock -H 'content-type: application/json' -d '{"now":"2026-12-01T09:00:00+08:00"}'
  curl -s -XPOST ${url}/sandbox/tick
  # a teacher answers in her school chat; the reply is the bot's receipt
  curl -s -XPOST ${url}/sandbox/say -H 'content-type: application/json' \\
    -d '{"open_id":"ou_demo_t0101","chat_id":"oc_demo_school_01","text":"走访5户 电话3户 新增预警1人"}'
  # a bureau officer asks for the summary card
  curl -s -XPOST ${url}/sandbox/say -H 'content-type: application/json' \\
    -d '{"open_id":"ou_demo_b1","chat_id":"oc_demo_bureau","text":"汇总"}'
  # everything the bot has sent
  curl -s ${url}/sandbox/messages
`,
};
