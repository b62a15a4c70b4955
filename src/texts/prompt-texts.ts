/** What a round's prompt card says. */
export const promptTexts = {
  title: (period: string, campaignTitle: string) => `${period} ${campaignTitle}`,
  body: (due: string, example: string, inGroup: boolean) =>
    `请在 **${due}** 前填报。可直接在下方表单填写` +
    (example ? `，也可以${inGroup ? ' @我 ' : '直接'}回复一句话，例如：\n> ${example}\n没有的数可以不写（按 0 计）。` : '。') +
    (inGroup ? '\n请勿在群里写学生全名、身份证号、住址或电话。' : ''),
  submit: '提交',
};
