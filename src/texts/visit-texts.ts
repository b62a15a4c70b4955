/** What the bot says about home visits (家访记录): the format, and every refusal of a visit text. */

const example = '家访 张小明 入户 父母在外务工，由祖母照看 风险：无 措施：每周电话联系';
const format = '家访 学生姓名或校内编号 方式（入户/电话/视频） 家访情况 风险：… 措施：… 日期：… 资助：… 资格：…（风险、措施、日期可不写；受资助学生写资助是否到位、资格是否符合）';
const withExample = (message: string) => `${message}\n例如：${example}`;

/** The aid check's values as teachers write them (资助：…, 资格：…). */
export const aidStatusNames = { full: '已到位', partial: '部分到位', none: '未到位' } as const;
export const eligibilityNames = { eligible: '符合', ineligible: '不再符合', unverified: '待核实' } as const;

export const visitTexts = {
  example,
  format,
  /** Names of the free-text parts, as a receipt says which had a number masked. */
  findingsLabel: '家访情况',
  measuresLabel: '措施',
  usage: withExample(`请按格式填写家访记录：\n${format}`),
  missingStudent: withExample('请写明学生姓名或校内编号。'),
  missingMode: withExample('请写明家访方式：入户、电话或视频。学生姓名、方式、家访情况之间请用空格隔开。'),
  twoModes: withExample('家访方式只能写一种（入户、电话或视频），学生姓名写在方式前面。'),
  studentUnreadable: (written: string) =>
    withExample(`「${written}」不像学生姓名或校内编号。请先写学生，再写方式，中间用空格隔开。`),
  studentIsIdentifier: '请用学生姓名或校内编号，不要写身份证号或手机号。',
  missingFindings: withExample('请写家访发现的情况（写在家访方式后面）。'),
  tooLong: (label: string, max: number, given: number) => `「${label}」最多 ${max} 个字，这条有 ${given} 个字，没有保存，请精简后再发。`,
  writtenTwice: (label: string) => `「${label}」写了两次，请只写一次。`,
  unknownRisk: (written: string, allowed: readonly string[]) =>
    `风险「${written}」不在可选范围内，请从这些中选：${allowed.join('、')}；没有风险写「无」，多个用顿号隔开，例如「风险：辍学风险、心理健康」。`,
  noneWithOthers: (others: readonly string[]) => `风险写了「无」，又写了「${others.join('、')}」，请只写一种。`,
  unknownAidStatus: (written: string) => `资助「${written}」没看明白，请写「资助：已到位」「资助：部分到位」或「资助：未到位」。`,
  unknownEligibility: (written: string) => `资格「${written}」没看明白，请写「资格：符合」「资格：不再符合」或「资格：待核实」。`,
  formMissingStudent: '请在「学生」一栏填写学生姓名或校内编号。',
  formMissingMode: '请选择家访方式：入户、电话或视频。',
  formMissingFindings: '请在「家访情况」一栏填写家访发现的情况。',
  formTitle: '记录家访',
  formIntro: '填写后提交即可；有风险时会自动列入预警台账并通知校长。学生信息只在私聊中显示。',
  formStudent: '学生',
  formStudentPlaceholder: '姓名或校内编号',
  formMode: '方式',
  formFindings: '家访情况',
  formFindingsPlaceholder: '例如：父母在外务工，由祖母照看，学习正常',
  formRisks: '风险',
  formRisksPlaceholder: '无风险不选',
  formMeasures: '措施',
  formMeasuresPlaceholder: '例如：每周电话联系（可不填）',
  formDate: '日期',
  formAidStatus: '资助',
  formAidStatusPlaceholder: '受资助学生填写（精准资助大排查）',
  formEligibility: '资格',
  formEligibilityPlaceholder: '受资助学生填写',
  formSubmit: '提交家访记录',
  formSent: '已私聊发给您家访表单',
  unreadableDate: (written: string) => `日期「${written}」没看明白，请写如「日期：12月3日」「日期：12.3」「日期：2026-12-03」或「日期：昨天」。`,
  futureDate: (date: string) => `日期 ${date} 还没到，请写家访当天的日期。`,
  tooOld: (date: string, earliest: string) => `日期 ${date} 已超过一年，不能补记；最早可补记 ${earliest} 的家访。`,
} as const;
