/** What the admins are told when messages cannot be delivered. */
const FAILURE_MEANINGS: Record<string, string> = {
  '230001': '消息内容或参数无效',
  '230002': '机器人不在群里（可能被移出了群）',
  '230006': '应用的机器人能力未开启',
  '230011': '要回复的消息已被撤回',
  '230013': '对方不在应用的可用范围内，或已离职',
  '230029': '对方已离职',
  '230034': '接收人 ID 无效',
  '230035': '没有在该会话发言的权限',
  '230053': '对方已停用机器人',
  '230099': '卡片生成失败',
  '232009': '群已解散',
  '99991672': '应用没有发消息的权限',
};

function deadLetters(failure: { kind: string; text: string }, day: string, count: number, row: { kind: string; rateKey: string }): string {
  const meaning = FAILURE_MEANINGS[failure.kind] ?? `24 小时内一直发送失败，最后一次：${failure.text}`;
  return [
    `【督查助手】${day} 有 ${count} 条消息发不出去，已停止重试。`,
    `原因（飞书错误 ${failure.kind}）：${meaning}。`,
    `最近一条：发往 ${row.rateKey} 的「${row.kind}」消息。`,
    '今天同一原因不再重复提醒。可运行 npm run cli -- outbox 查看，处理后用 outbox retry ID 重新发送。',
  ].join('\n');
}

export const alertTexts = { deadLetters };
