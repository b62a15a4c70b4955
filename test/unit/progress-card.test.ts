import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/db/queries/campaigns.js';
import type { Round } from '../../src/db/queries/rounds.js';
import { emptyChildCounts } from '../../src/domain/summary/children-counts.js';
import type { SchoolProgress, TeachersProgress } from '../../src/domain/progress/read-school-progress.js';
import { buildProgressCard } from '../../src/lark/cards/progress-card.js';
import { buildReportTextCard, openReportButton } from '../../src/lark/cards/report-text-card.js';

const campaign = (audience: 'teachers' | 'principals', title: string, fields: unknown[]) =>
  ({ id: 1, code: title, title, audience, active: true, definition: { form: { fields } } }) as unknown as Campaign;
const round = (period: string, due: string) => ({ id: 7, campaignId: 1, period, opensAt: new Date(0), dueAt: new Date(due), openedAt: new Date(0) }) as Round;
const COUNTS = [{ name: 'home_visits', label: '走访户数', type: 'count' }];
const place = { schoolId: 3, school: '<at id=all></at>小学', townId: 1, town: '横渠镇' };
const textOf = (card: Record<string, unknown>) => (card.body as { elements: { content?: string }[] }).elements.map((e) => e.content ?? '').join('\n');
const now = new Date('2026-12-26T02:00:00Z');

function teachers(o: Partial<TeachersProgress>): TeachersProgress {
  return {
    kind: 'teachers',
    campaign: campaign('teachers', '常态化动态预警监测', COUNTS),
    round: round('2026-12', '2026-12-25T10:00:00Z'),
    pastDue: true,
    columns: [{ name: 'home_visits', label: '走访户数' }],
    tally: { expected: 4, answered: 2, late: 0, sums: { home_visits: 3 } },
    previous: { period: '2026-11', expected: 4, answered: 3, late: 0, sums: { home_visits: 7 } },
    missingCount: 2,
    missingNames: undefined,
    children: undefined,
    ...o,
  };
}

describe('the 进度 card', () => {
  it('says a fall as ▼ in percentage points and per count; in a group only the number missing', () => {
    const text = textOf(buildProgressCard({ place, sections: [teachers({})] }, { timezone: 'Asia/Shanghai', now }));
    expect(text).toContain('较上期（2026-11）：完成率 ▼25 个百分点 · 走访户数 ▼4');
    expect(text).toContain('🔴 已截止仍未填报 **2** 人');
  });

  it('names who owes (escaped) only when the domain gave names; a first round has nothing to compare', () => {
    const section = teachers({ previous: undefined, pastDue: false, missingNames: ['张*三', '李[四](x)'] });
    const card = buildProgressCard({ place, sections: [section] }, { timezone: 'Asia/Shanghai', now });
    expect(textOf(card)).toContain('暂无上期可比');
    expect(textOf(card)).toContain('⏳ 尚未填报（2 人）：张&#42;三、李&#91;四&#93;&#40;x&#41;');
    // The school's name is plain text in the header and escaped in markdown: never an @all.
    expect(textOf(card)).not.toContain('<at');
    expect((card.header as { title: { tag: string } }).title.tag).toBe('plain_text');
  });

  it('shows the children in numbers, and the principal’s own report: on time, late, or not yet with an example', () => {
    const children = { ...emptyChildCounts(), visits: { home: 2, phone: 1, video: 0 }, alert: 1, unvisited: 3, dropouts: 1 };
    const principals = campaign('principals', '月有安排', [{ name: 'arrangement', label: '本月安排', type: 'text', maxLength: 500 }]);
    const progress: SchoolProgress = {
      place,
      sections: [
        teachers({ children: { month: '2026-12', counts: children } }),
        { kind: 'principals', campaign: principals, round: round('2026-12', '2026-12-07T10:00:00Z'), pastDue: true, filed: { submittedAt: new Date('2026-12-08T02:00:00Z'), late: true, revisions: 1 } },
        { kind: 'principals', campaign: principals, round: round('2026-12', '2026-12-30T10:00:00Z'), pastDue: false, filed: undefined },
      ],
    };
    const text = textOf(buildProgressCard(progress, { timezone: 'Asia/Shanghai', now }));
    expect(text).toContain('家访 入户 2 · 电话 1 · 预警 1 人 · 关注 0 人 · 重点学生本月未家访 3 人 · 控辍保学未结案');
    expect(text).toContain('🕒 您已逾期填报（2026-12-08 10:00，修改过 1 次）');
    expect(text).toContain('⏳ 您还没有填报。私聊我发送即可，例如：本月安排：…');
  });
});

describe('the report button and card', () => {
  it('the button is a JSON 2.0 callback carrying the round and school', () => {
    expect(openReportButton({ roundId: 7, schoolId: 3 })).toMatchObject({
      tag: 'button',
      text: { tag: 'plain_text', content: '查看报告' },
      behaviors: [{ type: 'callback', value: { action: 'open_report', round_id: 7, school_id: 3 } }],
    });
    expect(openReportButton({ roundId: 7, schoolId: 3, label: '横渠镇中心小学' })).toMatchObject({ text: { content: '横渠镇中心小学' } });
  });

  it('every field with its label; a yes-no as 是/否 and an empty one as 未填写', () => {
    const fields = [
      { name: 'plan', label: '计划', type: 'text', maxLength: 2000 },
      { name: 'done', label: '已落实', type: 'yes-no' },
      { name: 'count', label: '次数', type: 'count' },
    ];
    const card = buildReportTextCard(
      {
        campaign: campaign('principals', '学期有计划', fields),
        round: round('2026秋季学期', '2026-09-29T10:00:00Z'),
        place,
        pastDue: true,
        principals: ['王校长'],
        reports: [{ personId: 1, name: '王校长', active: true, answers: { plan: '第一行\n# 第二行', done: true }, submittedAt: now, late: false, revisions: 0 }],
      },
      'Asia/Shanghai',
    );
    const text = textOf(card);
    expect(text).toContain('**计划**\n第一行\n&#35; 第二行');
    expect(text).toContain('**已落实**\n是');
    expect(text).toContain('**次数**\n（未填写）');
  });
});
