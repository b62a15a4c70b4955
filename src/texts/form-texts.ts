import type { Shown } from './shown.js';

/** What these messages need of a form field (texts import nothing; model's FormField fits this). */
type FieldShown =
  | { type: 'count'; label: string; max: number }
  | { type: 'choice'; label: string; options: readonly string[] }
  | { type: 'yes-no' | 'date' | 'text'; label: string };

/** 走访户数 → 户, 新增预警人数 → 人: the unit a person says the number in ('' when the label names none). */
export const unitOf = (label: string) => /([户人次])数$/.exec(label)?.[1] ?? '';
const spaced = (unit: string) => (unit ? ` ${unit}` : '');

/** How forms talk about their fields: errors, echoes in receipts. */
export const formTexts = {
  required: (label: string) => `「${label}」必须填写。`,
  invalid: (field: FieldShown) => {
    switch (field.type) {
      case 'count':
        return `「${field.label}」请填写 0 到 ${field.max} 之间的整数。`;
      case 'yes-no':
        return `「${field.label}」请选择是或否。`;
      case 'choice':
        return `「${field.label}」请从这些选项中选：${field.options.join('、')}。`;
      case 'date':
        return `「${field.label}」请填写日期，例如 2026-12-01。`;
      case 'text':
        return `「${field.label}」的内容无法识别。`;
    }
  },
  unacceptableNumber: (field: FieldShown, problem: 'negative' | 'fraction' | 'too_large' | 'unreadable', written: string) => {
    const max = field.type === 'count' ? field.max : 9999;
    switch (problem) {
      case 'negative':
        return `「${field.label}」不能是负数（您写的是「${written}」）。没有就写 0，例如「${field.label}0」。`;
      case 'fraction':
        return `「${field.label}」请写整数（您写的是「${written}」），例如「${field.label}3」。`;
      case 'too_large':
        return `「${field.label}」请填写 0 到 ${max} 之间的整数（您写的是「${written}」）。`;
      case 'unreadable':
        return `「${field.label}」的数字没看明白（「${written}」），请用阿拉伯数字，例如「${field.label}12」。`;
    }
  },
  writtenTwice: (label: string, values: readonly number[]) =>
    `「${label}」写了 ${values.length} 个数（${values.join('、')}），本月是哪一个？请只发本月的数，例如「${label}${values[values.length - 1]}」。`,
  partOf: (part: string, partValue: number, whole: string, wholeValue: number) =>
    `「${part}」${partValue} 是「${whole}」${wholeValue} 中的一部分吗？为免重复计算，请分开写：` +
    (wholeValue >= partValue ? `例如「${whole}${wholeValue - partValue} ${part}${partValue}」。` : `例如「${whole}3 ${part}2」。`),
  confirmTitle: '请确认填报数字',
  confirmQuestion: (items: readonly { label: Shown; value: number; plausibleMax: number }[]) =>
    items.map((i) => `确认「${i.label}」是 ${i.value}${spaced(unitOf(i.label))}吗？（一般一个月不超过 ${i.plausibleMax}${spaced(unitOf(i.label))}）`).join('\n'),
  confirmYes: '是，保存',
  confirmNo: '否，重新填写',
  confirmed: '已确认',
  confirmCancelled: '好的，这次没有保存。请重新发送正确的数字。',
  confirmNotYours: '这张确认卡片是发给填报人本人的。',
  tooLong: (label: string, max: number, given?: number) =>
    `「${label}」最多 ${max} 个字${given === undefined ? '' : `，这条有 ${given} 个字`}，没有保存，请精简后再发。`,
  yes: '是',
  no: '否',
  hiddenInGroup: '已保存（为保护学生隐私，群内不显示文字内容，私聊我发「我的」可查看）',
  empty: '未填',
  textChanged: (label: string) => `${label}已修改`,
  textPlaceholder: '选填，不写学生全名和联系方式',
};
