/**
 * @fileoverview Small DOM helpers. Every text that can come from the workbook goes in through
 * `textContent`, `value` or `new Option`, so a campaign named `<img onerror=...>` stays text.
 */

/** The element with this id; a missing one is a template bug, so it fails loudly at start. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The sidebar template has no #${id}.`);
  return el as T;
}

/** Replaces a select's options with [value, text] pairs, keeping the choice when it still exists. */
export function fillSelect(select: HTMLSelectElement, options: readonly (readonly [string, string])[], keep = select.value): void {
  select.replaceChildren(...options.map(([value, text]) => new Option(text, value)));
  if (options.some(([value]) => value === keep)) select.value = keep;
}

/** Sets the value only when the select has it, so a stale saved choice never blanks a control. */
export function selectIfPresent(select: HTMLSelectElement, value: string | undefined | null): boolean {
  if (value == null) return false;
  if (!Array.from(select.options).some((o) => o.value === value)) return false;
  select.value = value;
  return true;
}

/** An element holding text (a list item, a term...), never markup. */
export function textEl<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, className?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.textContent = text;
  if (className) el.className = className;
  return el;
}

/** Fills a list with one text item per entry, or one muted item when there is none. */
export function fillList(list: HTMLElement, items: readonly string[], empty: string): void {
  list.replaceChildren(...(items.length ? items.map((t) => textEl('li', t)) : [textEl('li', empty, 'empty')]));
}

export function show(el: HTMLElement, visible: boolean): void {
  el.hidden = !visible;
}

/** Shows a field's message and marks the control invalid for assistive technology; null clears. */
export function fieldError(control: HTMLElement, messageEl: HTMLElement, message: string | null): void {
  messageEl.textContent = message ?? '';
  messageEl.hidden = !message;
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}
