import type { Db } from '../../db/database.js';
import { saveCampaign } from '../../db/queries/campaigns.js';
import { campaignSchema } from '../../model/campaign-definition.js';

/**
 * The seed's rhythm (一月一调度; 月有安排、学期有计划、半年有总结、全年有汇报) as data. The admin
 * changes it with `campaigns load FILE`; these only fill in campaigns that do not exist yet.
 * (The monthly check-in was created by migrations 0004 and 0012 with the same definition.) Monthly
 * rounds that would open in a school vacation (寒暑假) are skipped: no sends in vacations by default.
 */
export const defaultCampaigns: unknown[] = [
  {
    code: 'monthly-monitoring',
    title: '常态化动态预警监测',
    audience: 'teachers',
    cadence: 'monthly',
    opens: { day: 1, time: '09:00' },
    due: { day: 25, time: '18:00' },
    pausesInVacation: true,
    reminders: [
      { step: 'due-3d', daysBefore: 3, time: '09:00', to: 'principals' },
      { step: 'due-day', daysBefore: 0, time: '09:00', to: 'principals' },
    ],
    escalation: { afterWorkdaysOverdue: 3 },
    form: {
      fields: [
        { name: 'home_visits', label: '走访户数', type: 'count', prefill: 'visits.home', synonyms: ['入户走访', '走访', '入户', '家访', '上门走访', '上门'] },
        { name: 'phone_followups', label: '电话随访户数', type: 'count', prefill: 'visits.remote', synonyms: ['电话随访', '电话回访', '电话家访', '电话联系', '电访', '电话', '随访'] },
        { name: 'new_alerts', label: '新增预警人数', type: 'count', prefill: 'alerts.new', synonyms: ['新增预警学生', '新增预警', '预警新增', '新发现预警', '预警'] },
        { name: 'note', label: '备注', type: 'text', maxLength: 500, synonyms: ['说明'] },
      ],
    },
  },
  {
    code: 'principal-monthly-plan',
    title: '月有安排',
    audience: 'principals',
    cadence: 'monthly',
    opens: { day: 1, time: '09:00' },
    due: { day: 5, time: '18:00' },
    pausesInVacation: true,
    reminders: [{ step: 'due-day', daysBefore: 0, time: '09:00', to: 'respondents' }],
    escalation: { afterWorkdaysOverdue: 3 },
    form: { fields: [{ name: 'arrangement', label: '本月安排', type: 'text', maxLength: 500, required: true, synonyms: ['月安排', '安排'] }] },
  },
  {
    code: 'semester-plan',
    title: '学期有计划',
    audience: 'principals',
    cadence: 'semester',
    opens: { weeksAfterStart: 0, time: '09:00' },
    due: { weeksAfterStart: 4, time: '18:00' },
    pausesInVacation: true,
    reminders: [
      { step: 'due-7d', daysBefore: 7, time: '09:00', to: 'respondents' },
      { step: 'due-day', daysBefore: 0, time: '09:00', to: 'respondents' },
    ],
    escalation: { afterWorkdaysOverdue: 5 },
    form: { fields: [{ name: 'plan', label: '学期计划', type: 'text', maxLength: 2000, required: true, synonyms: ['计划'] }] },
  },
  {
    code: 'half-year-summary',
    title: '半年有总结',
    audience: 'principals',
    cadence: 'half-year',
    // The first half only: the annual report (全年有汇报) is the second half's summary, so no
    // principal owes two reports on July–December in the same December.
    periodsOfYear: [1],
    opens: { month: 6, day: 15, time: '09:00' },
    due: { month: 7, day: 5, time: '18:00' },
    reminders: [
      { step: 'due-5d', daysBefore: 5, time: '09:00', to: 'respondents' },
      { step: 'due-day', daysBefore: 0, time: '09:00', to: 'respondents' },
    ],
    escalation: { afterWorkdaysOverdue: 5 },
    form: { fields: [{ name: 'summary', label: '上半年总结', type: 'text', maxLength: 2000, required: true, synonyms: ['半年总结', '总结'] }] },
  },
  {
    code: 'annual-report',
    title: '全年有汇报',
    audience: 'principals',
    cadence: 'annual',
    opens: { month: 12, day: 1, time: '09:00' },
    due: { month: 12, day: 25, time: '18:00' },
    reminders: [
      { step: 'due-7d', daysBefore: 7, time: '09:00', to: 'respondents' },
      { step: 'due-day', daysBefore: 0, time: '09:00', to: 'respondents' },
    ],
    escalation: { afterWorkdaysOverdue: 5 },
    form: { fields: [{ name: 'report', label: '年度汇报', type: 'text', maxLength: 2000, required: true, synonyms: ['汇报', '全年汇报'] }] },
  },
];

/** Adds each default campaign that is missing (by code); never changes one that exists. */
export async function ensureDefaultCampaigns(db: Db): Promise<number> {
  let added = 0;
  for (const raw of defaultCampaigns) {
    if (await saveCampaign(db, campaignSchema.parse(raw), { onlyIfMissing: true })) added++;
  }
  return added;
}
