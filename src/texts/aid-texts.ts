import type { Shown } from './shown.js';

/** What the bot says about the semester aid check (精准资助大排查). Aid and eligibility go 1:1 only. */
export const aidTexts = {
  // The school chat's prompt in a term's first month (counts only).
  promptTitle: (term: string) => `${term}精准资助大排查`,
  promptBody: (aided: number) =>
    `本校有 ${aided} 名受资助学生，请在本学期家访时逐一核查资助是否到位、家庭是否仍符合资助条件。\n家访记录里写明资助和资格即可，例如：\n家访 学生姓名 入户 家中情况 资助：已到位 资格：符合\n资助：已到位／部分到位／未到位；资格：符合／不再符合／待核实。发现问题会私聊通知校长跟进。`,
  promptButton: '记录一次家访',
  promptPrivacy: '学生姓名和资助情况只在私聊中显示；校长可私聊发送「资助」查看核查进度。',
  // The teacher's 1:1 visit receipt.
  receiptChecked: (aid: string, eligibility: string) => `资助核查：资助${aid}，资格${eligibility}，本学期已核查。`,
  receiptMismatch: (aid: string, eligibility: string, principals: number) =>
    `资助核查：资助${aid}，资格${eligibility}，已列入资助跟进${principals > 0 ? `，并通知校长（${principals} 位）` : ''}。`,
  receiptStillOpen: (aid: string, eligibility: string) => `资助核查：资助${aid}，资格${eligibility}；该生已有未核实的资助跟进，请校长核实。`,
  receiptIncomplete: '资助核查还差一项：请同时写明「资助：已到位/部分到位/未到位」和「资格：符合/不再符合/待核实」，才算本学期已核查。',
  receiptNotAided: '该生不在受资助名单中，资助核查未计入。',
  notWritten: '未写',
  // The principal's 1:1 card.
  noticeTitle: '资助核查提醒',
  noticeBody: (o: { principal: Shown; teacher: Shown; name: Shown; className: Shown; day: string; mode: string; aidKinds: string; aid: string; eligibility: string }) =>
    `${o.principal}校长，${o.teacher}老师 ${o.day}${o.mode}家访时核查 **${o.name}**（${o.className}）的资助：\n资助项目：${o.aidKinds}\n资助：**${o.aid}**　资格：**${o.eligibility}**`,
  noticeHint: (name: Shown) => `请核实后私聊我发送「核实 ${name} 说明」关闭跟进；发送「资助」可查看本校核查进度。`,
  // 资助 (principals).
  overviewUsage: '资助：查看本校受资助学生本学期的核查进度（私聊可看未核实的跟进名单）。',
  noTerm: '校历中没有本学期的起始日期，无法统计本学期的资助核查。请联系教育局管理员在校历中添加学期。',
  noSchool: '您的账号没有关联学校，无法查看资助核查。',
  coverage: (o: { term: string; checked: number; aided: number; mismatches: number; open: number }) =>
    `${o.term}精准资助大排查：已核查 ${o.checked}/${o.aided} 名受资助学生；发现问题 ${o.mismatches} 人，待核实跟进 ${o.open} 条。`,
  noAided: (term: string) => `${term}精准资助大排查：本校没有受资助学生。`,
  openHeader: '待核实的资助跟进：',
  openLine: (o: { name: Shown; className: Shown; day: string; aid: string; eligibility: string }) =>
    `· ${o.name}（${o.className}）${o.day} 资助${o.aid}，资格${o.eligibility}`,
  noOpen: '没有待核实的资助跟进。',
  groupHint: '名单只在私聊中显示，请私聊我发送「资助」。',
  howToCheck: '家访时写明资助和资格即可核查，例如：家访 学生 入户 家中情况 资助：已到位 资格：符合',
  // 核实 (principals).
  verifyUsage: '请写明学生和核实说明，例如：核实 张小明 已联系乡镇补发生活补助',
  verifyNoteNeeded: '请写明核实说明，例如：核实 张小明 已联系乡镇补发生活补助',
  verifyOnlyPrincipal: '只有本校校长可以核实资助跟进。',
  verifyNothingOpen: (name: Shown) => `${name} 没有待核实的资助跟进。`,
  verified: (name: Shown, closed: number) => `已核实 ${name} 的资助跟进（${closed} 条），说明已记录。`,
  verifiedInGroup: (masked: string) => `已核实 ${masked} 的资助跟进。`,
} as const;
