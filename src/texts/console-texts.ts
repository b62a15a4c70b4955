/** A milestone of the clock panel (texts import nothing: a structural copy of domain's ClockMilestone). */
type Milestone =
  | { kind: 'opens' | 'due' | 'escalation'; period: string }
  | { kind: 'reminder'; period: string; daysBefore: number }
  | { kind: 'bulletin'; quarter: string };

const pad = (n: number) => String(n).padStart(2, '0');

/** The sandbox console's words (the browser page at /): one place, so it reads well and can be translated. */
export const consoleTexts = {
  title: '督查 · 本地沙箱',
  subtitle: '扮演任何人，看卡片在飞书里的样子',
  roles: { teacher: '教师', principal: '校长', bureau: '教体局', admin: '管理员' } as Record<string, string>,
  actAs: '扮演',
  pickPerson: '选择人员',
  searchPeople: '搜索姓名、学校或角色',
  searchChats: '搜索会话',
  groups: '群聊',
  directChats: '与机器人的私聊',
  bureauChat: '教育局工作群',
  schoolChat: (school: string) => `${school} 工作群`,
  directChatTitle: (name: string) => `${name} · 私聊`,
  noMessages: '还没有消息。在下方输入，或把时钟跳到月初开放填报。',
  pickAChat: '从左侧选择一个会话',
  you: '我',
  bot: '督查助手',
  composerPlaceholder: (name: string, group: boolean) => (group ? `以 ${name} 的身份发言（自动 @督查助手）` : `以 ${name} 的身份发言`),
  send: '发送',
  /** The bot's custom menu as the console shows it under a 1:1 chat (the keys configured in Lark's console). */
  menu: [
    { key: 'fill', label: '填报' },
    { key: 'mine', label: '我的' },
    { key: 'progress', label: '进度' },
    { key: 'summary', label: '汇总' },
    { key: 'help', label: '帮助' },
  ],
  menuTitle: '机器人菜单',
  unboundChat: '未绑定学校的群',
  moreDirectChats: (n: number) => `另有 ${n} 个私聊未列出，在上方搜索姓名或学校即可找到。`,
  newGroup: '新建群并拉入督查助手',
  newGroupName: '群名称，如：槐芽镇中心小学教师群',
  newGroupCreate: '建群',
  removeBot: '把督查助手移出本群',
  removeBotConfirm: (chat: string) => `确定以当前身份把督查助手移出「${chat}」？管理员会收到通知，该校的消息改发校长私聊。`,
  attach: '图片/文件',
  attachCaption: '图片说明（可选，如：督查 横渠镇中心小学 1.2）',
  replyIn: (n: number) => `${n} 条回复`,
  updated: '已更新',
  file: '文件',
  image: '图片',
  download: '下载',
  clock: '时钟',
  clockNow: '现在',
  jumpTo: '跳转到',
  jump: '跳转并运行调度',
  runTick: '运行调度',
  milestones: '本月节点',
  milestone: (m: Milestone) => {
    switch (m.kind) {
      case 'opens':
        return `${monthOf(m.period)}开放填报`;
      case 'reminder':
        return m.daysBefore === 0 ? '截止当天提醒' : `截止前 ${m.daysBefore} 天提醒`;
      case 'due':
        return `${monthOf(m.period)}截止`;
      case 'escalation':
        return '逾期通报';
      case 'bulletin':
        return `${m.quarter.replace('-', ' ')} 季通报`;
    }
  },
  outbox: '发件箱',
  outboxCounts: { due: '待发送', held: '暂缓', sending: '发送中', sent: '已发送', dead: '失败' },
  outboxEmpty: '没有待发送或失败的消息',
  heldUntil: (at: string) => `暂缓至 ${at}（发送时段或限流）`,
  retrying: (attempts: number, error: string) => `第 ${attempts} 次重试：${error}`,
  deadBecause: (error: string) => `放弃：${error}`,
  toTarget: (who: string) => `发往 ${who}`,
  tickDone: (sent: number) => (sent > 0 ? `调度完成，发出 ${sent} 条消息` : '调度完成，没有要发的消息'),
  clockSet: (at: string) => `时钟已跳到 ${at}`,
  clickFailed: '点击没有送达，请重试',
  sendFailed: '发送失败，请重试',
  bundleMissing: '控制台脚本还没有构建：请先运行 npm run build（npm start 会自动构建）。',
  tabs: { chats: '会话', chat: '聊天', side: '时钟' },
  unknownPerson: '未知用户',
  formatLocal: (parts: { year: number; month: number; day: number; hour: number; minute: number }) =>
    `${parts.year}-${pad(parts.month)}-${pad(parts.day)} ${pad(parts.hour)}:${pad(parts.minute)}`,
};

const monthOf = (period: string) => (/^\d{4}-(\d{2})$/.test(period) ? `${Number(period.slice(5))}月` : period);
