/**
 * A card form's values as Lark's callback carries them in `form_value`: text as typed, a select's
 * value (a multi-select's as a list), a date picker's date with the offset (`2026-12-03 +0800`).
 * Selects and dates left empty are left out, as Lark leaves them.
 */
export function formValue(form: HTMLFormElement, offset = '+0800'): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const element of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input[name], select[name], textarea[name]')) {
    if (element instanceof HTMLSelectElement && element.multiple) {
      const chosen = [...element.selectedOptions].map((o) => o.value).filter(Boolean);
      if (chosen.length > 0) value[element.name] = chosen;
    } else if (element instanceof HTMLSelectElement) {
      if (element.value) value[element.name] = element.value;
    } else if (element instanceof HTMLInputElement && element.type === 'date') {
      if (element.value) value[element.name] = `${element.value} ${offset}`;
    } else {
      value[element.name] = element.value;
    }
  }
  return value;
}

/** What a person has typed into the cards in `root`, by message and input name, to put back after a redraw. */
export function keepTyped(root: ParentNode): (root: ParentNode) => void {
  const typed = new Map<string, string>();
  for (const element of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-message-id] .lk-form input[name], [data-message-id] .lk-form textarea[name]')) {
    const id = element.closest<HTMLElement>('[data-message-id]')!.dataset.messageId;
    if (element.value !== element.defaultValue) typed.set(`${id}/${element.name}`, element.value);
  }
  return (next) => {
    for (const [key, value] of typed) {
      const [id, name] = key.split('/') as [string, string];
      const element = next.querySelector<HTMLInputElement>(`[data-message-id="${CSS.escape(id)}"] .lk-form [name="${CSS.escape(name)}"]`);
      if (element) element.value = value;
    }
  };
}
