/** Tiny DOM helpers: the UI is plain elements beside the Phaser canvas, easy to use and to test. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) node.append(c);
  return node;
}

export function select(options: { value: string; label: string }[], value: string, attrs: Record<string, string> = {}): HTMLSelectElement {
  const s = el(
    'select',
    attrs,
    options.map((o) => el('option', { value: o.value, text: o.label })),
  );
  s.value = value;
  // give the keys back to the game once a choice is made (arrows would otherwise keep changing it)
  s.addEventListener('change', () => s.blur());
  return s;
}

let fieldIds = 0;

/** A label tied to its field (`for` = the field's id): clicking it focuses the field, and screen readers name the field by it. */
export function labelFor(text: string, field: HTMLElement, attrs: Record<string, string> = {}): HTMLLabelElement {
  if (!field.id) field.id = `field-${++fieldIds}`;
  return el('label', { ...attrs, for: field.id, text });
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`page is missing #${id}`);
  return node as T;
}

/** Offer a JSON value as a file download (a local blob: nothing leaves the page). */
export function downloadJson(name: string, value: unknown): void {
  downloadBytes(name, JSON.stringify(value), 'application/json');
}

/** Offer `content` as a file named `name` (the browser's download). */
export function downloadBytes(name: string, content: string | Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
