/** What these messages need of a form field (texts import nothing; model's FormField fits this). */
type FieldShown =
  | { type: 'count'; label: string; max: number }
  | { type: 'choice'; label: string; options: readonly string[] }
  | { type: 'yes-no' | 'date' | 'text'; label: string };

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
  tooLong: (label: string, max: number) => `「${label}」最多 ${max} 个字，请精简后再提交。`,
  yes: '是',
  no: '否',
  hiddenInGroup: '已保存（为保护学生隐私，群内不显示文字内容，私聊我发「我的」可查看）',
  empty: '未填',
  textPlaceholder: '选填，不写学生全名和联系方式',
};
