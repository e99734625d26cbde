/**
 * Registration guarded against a second definition: two Lightning wrappers on one page share one
 * custom element registry, and the bundle may be evaluated once per wrapper.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
