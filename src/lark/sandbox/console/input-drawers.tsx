import type { Child } from 'hono/jsx';
import { callbackAttribute, callbackOf, classes, isRecord, listOf, pixelsOf, recordsOf, stringOf, textOf, type DrawContext, type Drawer, type Json } from './draw-context.js';

/*
 * Lark's interactive components as HTML controls the console's script can drive: a control
 * carries the component's `name` (a form's values are keyed by it) and, where the component
 * calls back, `data-callback` with the value's JSON.
 */

const BUTTON_TYPES = ['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser'];
const BUTTON_SIZES = ['tiny', 'small', 'large'];

/** What a button's form_action_type (or 1.0's action_type) makes it do inside a form. */
function formAction(el: Json): 'submit' | 'reset' | undefined {
  const action = stringOf(el.form_action_type) ?? stringOf(el.action_type);
  return action === 'submit' || action === 'form_submit' ? 'submit' : action === 'reset' || action === 'form_reset' ? 'reset' : undefined;
}

function drawButton(el: Json, ctx: DrawContext): Child {
  const type = stringOf(el.type) ?? 'default';
  const size = stringOf(el.size);
  const width = pixelsOf(el.width);
  const disabled = el.disabled === true;
  const { value, url } = callbackOf(el, ctx);
  const attributes = {
    class: classes('lk-btn', `lk-btn--${BUTTON_TYPES.includes(type) ? type : 'default'}`, size && BUTTON_SIZES.includes(size) && `lk-btn--${size}`, el.width === 'fill' && 'lk-btn--fill'),
    style: width ? `width: ${width}px` : undefined,
    title: textOf(disabled ? el.disabled_tips : el.hover_tips) || undefined,
    'data-name': stringOf(el.name),
    'data-confirm-title': isRecord(el.confirm) ? textOf(el.confirm.title) : undefined,
    'data-confirm-text': isRecord(el.confirm) ? textOf(el.confirm.text) : undefined,
  };
  const label = textOf(el.text);
  const action = ctx.inForm ? formAction(el) : undefined;
  if (action === 'reset') return <button type="reset" disabled={disabled} {...attributes}>{label}</button>;
  if (action === 'submit') return <button type="submit" disabled={disabled} data-callback={callbackAttribute(value)} {...attributes}>{label}</button>;
  if (url && value === undefined && !disabled) return <a href={url} target="_blank" rel="noopener" {...attributes}>{label}</a>;
  return <button type="button" disabled={disabled} data-callback={callbackAttribute(value)} data-url={url} {...attributes}>{label}</button>;
}

/** A control under its label (left of it on a wide screen when label_position is left), a red * when required. */
function field(el: Json, control: Child): Child {
  const label = textOf(el.label);
  const left = el.label_position === 'left';
  return (
    <label class={classes('lk-field', left && 'lk-field--left', el.width !== undefined && el.width !== 'fill' && 'lk-field--auto')}>
      {label && (
        <span class="lk-field__label">
          {el.required === true && <span class="lk-field__required">*</span>}
          {label}
        </span>
      )}
      {control}
    </label>
  );
}

/** What every form control shares: its name, required, disabled, and the callback of a standalone one. */
function controlAttributes(el: Json, ctx: DrawContext) {
  const { value } = callbackOf(el, ctx);
  return {
    name: stringOf(el.name),
    required: el.required === true,
    disabled: el.disabled === true,
    'data-callback': callbackAttribute(value),
    style: pixelsOf(el.width) ? `width: ${pixelsOf(el.width)}px` : undefined,
  };
}

function drawInput(el: Json, ctx: DrawContext): Child {
  const placeholder = textOf(el.placeholder) || undefined;
  const maxlength = typeof el.max_length === 'number' ? el.max_length : undefined;
  const value = textOf(el.default_value) || undefined;
  const common = { ...controlAttributes(el, ctx), placeholder, maxlength };
  if (el.input_type === 'multiline_text') {
    const rows = typeof el.rows === 'number' ? el.rows : 5;
    return field(el, <textarea class="lk-input lk-input--multiline" rows={rows} {...common}>{value ?? ''}</textarea>);
  }
  const type = el.input_type === 'password' ? 'password' : 'text';
  return field(el, <input class="lk-input" type={type} value={value} {...common} />);
}

/** `options[]` as `<option>`s: `text` a text object, `value` what is sent. */
function optionsOf(el: Json, chosen: (value: string) => boolean): Child[] {
  return recordsOf(el.options).map((o) => {
    const value = stringOf(o.value) ?? '';
    return <option value={value} selected={chosen(value)}>{textOf(o.text) || value}</option>;
  });
}

function drawSelect(el: Json, ctx: DrawContext): Child {
  const initial = stringOf(el.initial_option);
  const placeholder = textOf(el.placeholder) || '请选择';
  return field(
    el,
    <select class="lk-select" {...controlAttributes(el, ctx)}>
      <option value="" selected={initial === undefined}>{placeholder}</option>
      {optionsOf(el, (v) => v === initial)}
    </select>,
  );
}

function drawMultiSelect(el: Json, ctx: DrawContext): Child {
  const initial = listOf(el.initial_options).map(stringOf);
  const size = Math.min(6, Math.max(2, recordsOf(el.options).length));
  return field(
    el,
    <select class="lk-select lk-select--multiple" multiple size={size} title={textOf(el.placeholder) || undefined} {...controlAttributes(el, ctx)}>
      {optionsOf(el, (v) => initial.includes(v))}
    </select>,
  );
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

function drawDatePicker(el: Json, ctx: DrawContext): Child {
  const initial = stringOf(el.initial_date);
  return field(el, <input class="lk-input lk-input--date" type="date" value={initial && DATE.test(initial) ? initial : undefined} {...controlAttributes(el, ctx)} />);
}

function drawTimePicker(el: Json, ctx: DrawContext): Child {
  const initial = stringOf(el.initial_time);
  return field(el, <input class="lk-input lk-input--date" type="time" value={initial && TIME.test(initial) ? initial : undefined} {...controlAttributes(el, ctx)} />);
}

function drawDatetimePicker(el: Json, ctx: DrawContext): Child {
  const initial = stringOf(el.initial_datetime)?.replace(' ', 'T');
  const value = initial && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(initial) ? initial : undefined;
  return field(el, <input class="lk-input lk-input--date" type="datetime-local" value={value} {...controlAttributes(el, ctx)} />);
}

function drawChecker(el: Json, ctx: DrawContext): Child {
  return (
    <label class="lk-checker">
      <input type="checkbox" checked={el.checked === true} {...controlAttributes(el, ctx)} />
      <span>{textOf(el.text)}</span>
    </label>
  );
}

/** Lark's interactive components by tag. */
export const inputDrawers: Record<string, Drawer> = {
  button: drawButton,
  input: drawInput,
  select_static: drawSelect,
  multi_select_static: drawMultiSelect,
  date_picker: drawDatePicker,
  picker_time: drawTimePicker,
  picker_datetime: drawDatetimePicker,
  checker: drawChecker,
};
