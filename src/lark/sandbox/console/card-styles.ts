/*
 * The look of a Lark card in the sandbox console: Lark's palette (its UD colour tokens), 14px
 * text, 8px corners, header bands per template, Lark's button kinds. Every rule is scoped to an
 * `lk-` class, so the console's own page CSS and this never meet. Narrow screens (a 360px phone)
 * stack what Lark stacks there: `stretch` column sets and left-hand form labels.
 */

/** Lark's hues: the text shade (600) and the light tint (100) used for header bands and backgrounds. */
const HUES: Record<string, { text: string; tint: string }> = {
  blue: { text: '#245bdb', tint: '#e1eaff' },
  wathet: { text: '#037eaa', tint: '#d9f3fd' },
  turquoise: { text: '#078372', tint: '#d5f6f2' },
  green: { text: '#2ea121', tint: '#d9f5d6' },
  lime: { text: '#7b9207', tint: '#eef6c6' },
  yellow: { text: '#aa7803', tint: '#faf1d1' },
  orange: { text: '#de7802', tint: '#feead2' },
  red: { text: '#d83931', tint: '#fde2e2' },
  carmine: { text: '#c71077', tint: '#fddded' },
  violet: { text: '#b320b3', tint: '#f8def8' },
  purple: { text: '#6425d0', tint: '#ece2fe' },
  indigo: { text: '#3b4ad0', tint: '#e0e4fe' },
  grey: { text: '#646a73', tint: '#eff0f1' },
};

const hueRules = Object.entries(HUES)
  .map(
    ([hue, c]) => `
.lk-c--${hue} { color: ${c.text}; }
.lk-bg--${hue} { background: ${c.tint}; border-radius: 6px; }
.lk-header--${hue} { background: ${c.tint}; }
.lk-header--${hue} .lk-card__title { color: ${c.text}; }`,
  )
  .join('');

const SIZES: Record<string, [number, number]> = {
  'heading-0': [30, 600],
  'heading-1': [24, 600],
  'heading-2': [20, 600],
  'heading-3': [18, 600],
  'heading-4': [16, 600],
  heading: [16, 600],
  notation: [12, 400],
  'xxxx-large': [30, 400],
  'xxx-large': [24, 400],
  'xx-large': [20, 400],
  'x-large': [18, 400],
  large: [16, 400],
  medium: [14, 400],
  small: [12, 400],
  'x-small': [10, 400],
};

const sizeRules = Object.entries(SIZES)
  .map(([size, [px, weight]]) => `.lk-size--${size} { font-size: ${px}px; line-height: 1.5; font-weight: ${weight}; }`)
  .join('\n');

export const cardStyles = `
.lk-card { box-sizing: border-box; width: 100%; max-width: 600px; background: #fff; border: 1px solid #dee0e3; border-radius: 8px; overflow: hidden;
  color: #1f2329; font: 14px/1.57 -apple-system, BlinkMacSystemFont, "PingFang SC", "Helvetica Neue", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; text-align: left; }
.lk-card *, .lk-card *::before, .lk-card *::after { box-sizing: border-box; }
.lk-card--fill { max-width: none; }
.lk-card__header { padding: 12px; display: flex; flex-direction: column; gap: 2px; }
.lk-header--default { border-bottom: 1px solid #eff0f1; }
.lk-card__title { font-size: 16px; font-weight: 600; line-height: 1.5; overflow-wrap: anywhere; white-space: pre-wrap; }
.lk-card__subtitle { font-size: 14px; color: #646a73; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.lk-card__tags { display: flex; flex-wrap: wrap; gap: 4px; }
.lk-card__body { padding: 12px; display: flex; flex-direction: column; gap: 12px; }
${hueRules}
${sizeRules}
.lk-size--notation { color: #646a73; }
.lk-align--center { text-align: center; }
.lk-align--right { text-align: right; }

.lk-markdown, .lk-plain { overflow-wrap: anywhere; min-width: 0; }
.lk-plain { white-space: pre-wrap; }
.lk-clamp { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; }
.lk-md__p + .lk-md__p, .lk-md__p + .lk-md__li, .lk-md__li + .lk-md__p { margin-top: 4px; }
.lk-md__h1 { font-size: 26px; font-weight: 600; line-height: 1.4; }
.lk-md__h2 { font-size: 22px; font-weight: 600; line-height: 1.4; }
.lk-md__h3 { font-size: 20px; font-weight: 600; line-height: 1.4; }
.lk-md__h4 { font-size: 18px; font-weight: 600; }
.lk-md__h5 { font-size: 17px; font-weight: 600; }
.lk-md__h6 { font-size: 14px; font-weight: 600; }
.lk-md__li { position: relative; padding-left: 1.3em; }
.lk-md__li--bullet::before { content: "•"; position: absolute; left: 0.3em; }
.lk-md__li--ordered { padding-left: 1.8em; }
.lk-md__num { position: absolute; left: 0; min-width: 1.5em; }
.lk-md__li--l1 { margin-left: 1.3em; }
.lk-md__li--l2 { margin-left: 2.6em; }
.lk-md__li--l3 { margin-left: 3.9em; }
.lk-md__quote { margin: 0; padding-left: 8px; border-left: 2px solid #bbbfc4; color: #646a73; }
.lk-md__code-inline { padding: 0 4px; border-radius: 4px; background: #f2f3f5; font: 0.9em/1.5 ui-monospace, Menlo, Consolas, monospace; }
.lk-md__code { margin: 0; padding: 8px 12px; border-radius: 6px; background: #f5f6f7; overflow-x: auto; font: 12px/1.6 ui-monospace, Menlo, Consolas, monospace; }
.lk-md__hr, .lk-hr { border: 0; border-top: 1px solid #dee0e3; margin: 0; }
.lk-md__hr { margin: 4px 0; }
.lk-md__img { display: inline-block; padding: 0 6px; border-radius: 4px; background: #f2f3f5; color: #646a73; font-size: 12px; }
.lk-at { color: #3370ff; }
.lk-link { color: #3370ff; text-decoration: none; }
.lk-link:hover { text-decoration: underline; }
.lk-tag { display: inline-block; padding: 0 6px; margin: 0 2px; border-radius: 4px; font-size: 12px; line-height: 20px; font-weight: 500;
  background: color-mix(in srgb, currentColor 14%, transparent); }
.lk-number-tag { display: inline-block; min-width: 16px; padding: 0 4px; border-radius: 8px; background: #3370ff; color: #fff; font-size: 12px; line-height: 16px; text-align: center; }

.lk-columns { display: flex; flex-wrap: nowrap; align-items: stretch; min-width: 0; }
.lk-columns--flow { flex-wrap: wrap; }
.lk-columns--bisect { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); }
.lk-columns--trisect { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); }
.lk-column { display: flex; flex-direction: column; min-width: 0; }
.lk-column--horizontal { flex-direction: row; flex-wrap: wrap; align-items: center; }
.lk-column--center > * { align-self: center; }
.lk-column--right > * { align-self: flex-end; }
.lk-container { display: flex; flex-direction: column; gap: 8px; padding: 8px 12px; border-radius: 8px; cursor: pointer; }
.lk-container--border { border: 1px solid #dee0e3; }
.lk-actions { display: flex; flex-wrap: wrap; gap: 8px; }
.lk-actions--bisected { display: grid; grid-template-columns: 1fr 1fr; }
.lk-div { display: flex; flex-direction: column; gap: 8px; }
.lk-fields { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 12px; }
.lk-fields__long { grid-column: 1 / -1; }
.lk-note { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; font-size: 12px; color: #646a73; }
.lk-panel { border-radius: 6px; }
.lk-panel--border { border: 1px solid #dee0e3; padding: 0 12px; }
.lk-panel__header { padding: 8px 0; cursor: pointer; font-weight: 500; }
.lk-panel__body { display: flex; flex-direction: column; gap: 8px; padding-bottom: 8px; }

.lk-btn { display: inline-flex; align-items: center; justify-content: center; max-width: 100%; min-height: 32px; padding: 4px 12px; border: 1px solid #d0d3d6;
  border-radius: 6px; background: #fff; color: #1f2329; font: inherit; font-size: 14px; line-height: 22px; text-align: center; text-decoration: none; cursor: pointer; overflow-wrap: anywhere; }
.lk-btn:hover { background: #f2f3f5; }
/* A button is as wide as its words (width: fill makes it the row's), in a column of components too. */
.lk-card__body > .lk-btn, .lk-form > .lk-btn, .lk-column > .lk-btn, .lk-panel__body > .lk-btn, .lk-container > .lk-btn { align-self: flex-start; }
.lk-card__body > .lk-btn--fill, .lk-form > .lk-btn--fill, .lk-column > .lk-btn--fill, .lk-panel__body > .lk-btn--fill, .lk-container > .lk-btn--fill { align-self: stretch; }
.lk-btn--primary { border-color: #3370ff; color: #3370ff; }
.lk-btn--primary:hover { background: #f0f4ff; }
.lk-btn--danger { border-color: #f54a45; color: #f54a45; }
.lk-btn--danger:hover { background: #fef1f1; }
.lk-btn--text, .lk-btn--primary_text, .lk-btn--danger_text { border-color: transparent; background: transparent; }
.lk-btn--primary_text { color: #3370ff; }
.lk-btn--danger_text { color: #f54a45; }
.lk-btn--primary_filled { border-color: #3370ff; background: #3370ff; color: #fff; }
.lk-btn--primary_filled:hover { background: #4e83fd; }
.lk-btn--danger_filled { border-color: #f54a45; background: #f54a45; color: #fff; }
.lk-btn--danger_filled:hover { background: #f76964; }
.lk-btn--laser { border: 1px solid transparent; color: #245bdb;
  background: linear-gradient(#fff, #fff) padding-box, linear-gradient(90deg, #3370ff, #9f6ff1, #e05ac4) border-box; }
.lk-btn--tiny { min-height: 24px; padding: 0 8px; font-size: 12px; line-height: 20px; }
.lk-btn--small { min-height: 28px; padding: 2px 8px; font-size: 14px; line-height: 22px; }
.lk-btn--large { min-height: 40px; padding: 8px 16px; font-size: 16px; line-height: 22px; }
.lk-btn--fill { width: 100%; }
.lk-btn:disabled, .lk-btn[disabled] { border-color: #dee0e3; background: #f2f3f5; color: #bbbfc4; cursor: not-allowed; }

.lk-form { display: flex; flex-direction: column; gap: 12px; }
.lk-field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.lk-field--auto { align-self: flex-start; }
.lk-field__label { color: #1f2329; }
.lk-field__required { color: #f54a45; margin-right: 2px; }
.lk-input, .lk-select { width: 100%; min-height: 32px; padding: 4px 11px; border: 1px solid #d0d3d6; border-radius: 6px; background: #fff; color: #1f2329;
  font: inherit; font-size: 14px; line-height: 22px; }
.lk-input::placeholder { color: #8f959e; }
.lk-input:focus, .lk-select:focus { border-color: #3370ff; outline: none; box-shadow: 0 0 0 2px rgba(51, 112, 255, 0.2); }
.lk-input--multiline { resize: vertical; }
.lk-select--multiple { padding: 4px; }
.lk-checker { display: inline-flex; align-items: center; gap: 8px; cursor: pointer; }

.lk-chart { width: 100%; min-height: 80px; border-radius: 6px; background: #f5f6f7; }
.lk-img { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 4px; width: 100%; min-height: 120px; padding: 8px;
  border: 1px dashed #d0d3d6; border-radius: 6px; background: #f2f3f5; color: #646a73; font-size: 12px; text-align: center; }
.lk-img__key { font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; color: #8f959e; }
.lk-img-grid { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 4px; }
.lk-table-wrap { overflow-x: auto; border: 1px solid #dee0e3; border-radius: 6px; }
.lk-table { width: 100%; border-collapse: collapse; font-size: 14px; }
.lk-table th { background: #f5f6f7; font-weight: 500; text-align: left; }
.lk-table th, .lk-table td { padding: 8px 12px; border-bottom: 1px solid #dee0e3; vertical-align: top; }
.lk-table tr:last-child td { border-bottom: 0; }
.lk-table__number { text-align: right; font-variant-numeric: tabular-nums; }
.lk-unknown { padding: 8px 12px; border: 1px dashed #f54a45; border-radius: 6px; background: #fef1f1; color: #d83931; font-size: 12px; }

@media (max-width: 480px) {
  .lk-card__header, .lk-card__body { padding: 10px; }
  .lk-columns--stretch { flex-direction: column; }
  .lk-columns--stretch > .lk-column { flex: 1 1 auto !important; }
  .lk-input, .lk-select { font-size: 16px; }
  .lk-btn:not(.lk-btn--tiny):not(.lk-btn--small):not(.lk-btn--large) { min-height: 36px; }
}
@media (min-width: 481px) {
  .lk-field--left { flex-direction: row; align-items: flex-start; gap: 12px; }
  .lk-field--left > .lk-field__label { flex: 0 0 30%; padding-top: 5px; }
  .lk-field--left > .lk-input, .lk-field--left > .lk-select { flex: 1 1 auto; }
}
`;
