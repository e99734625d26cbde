/**
 * <attain-field-mapper>, for admins: two tabs, the field mapping (org fields → engine inputs) and
 * the plans (edit, check, compare with the current version, save). Tabs follow the WAI-ARIA tabs
 * pattern: arrow keys move between them, Tab goes into the panel.
 */
import { css, html } from 'lit';
import { defineElement } from '../define.js';
import { sharedStyles } from '../styles/shared.js';
import { AttainElement } from './attain-element.js';
import './attain-mapping-editor.js';
import './attain-plan-editor.js';

const TABS = [
  { id: 'mapping', label: 'Field mapping' },
  { id: 'plans', label: 'Plans' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export class AttainFieldMapper extends AttainElement {
  static override properties = {
    tab: { state: true },
    ready: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      [role='tablist'] {
        display: flex;
        gap: var(--a-s4);
        border-bottom: 1px solid var(--a-border);
        margin-bottom: var(--a-s3);
      }
      [role='tab'] {
        border: 0;
        border-bottom: 3px solid transparent;
        background: none;
        padding: var(--a-s2) var(--a-s1);
        font: inherit;
        color: var(--a-label);
        cursor: pointer;
      }
      [role='tab'][aria-selected='true'] {
        border-bottom-color: var(--a-accent);
        color: var(--a-text);
        font-weight: 700;
      }
    `,
  ];

  declare tab: TabId;
  /** True once the host has given an API URL and a token (the panels load then). */
  declare ready: boolean;

  constructor() {
    super();
    this.tab = 'mapping';
    this.ready = false;
  }

  protected override start(): void {
    this.ready = true;
  }

  private select(tab: TabId, focus: boolean): void {
    this.tab = tab;
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  private keydown(event: KeyboardEvent): void {
    const index = TABS.findIndex((tab) => tab.id === this.tab);
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: TABS.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this.select(TABS[(target + TABS.length) % TABS.length]!.id, true);
  }

  override render() {
    const format = this.format();
    return html`<section class="card" aria-labelledby="title">
      <div class="header"><h2 id="title">Attain setup</h2></div>
      <div role="tablist" aria-label="Setup" @keydown=${this.keydown}>
        ${TABS.map(
          (tab) => html`<button
            type="button"
            role="tab"
            id="tab-${tab.id}"
            aria-selected=${tab.id === this.tab}
            aria-controls="panel-${tab.id}"
            tabindex=${tab.id === this.tab ? 0 : -1}
            @click=${() => this.select(tab.id, false)}
          >
            ${tab.label}
          </button>`,
        )}
      </div>
      <div role="tabpanel" id="panel-${this.tab}" aria-labelledby="tab-${this.tab}">
        ${
          !this.ready
            ? html`<div class="empty" role="status"><span class="spinner" aria-hidden="true"></span> Connecting to Attain…</div>`
            : this.tab === 'mapping'
              ? html`<attain-mapping-editor .api=${this.api} .format=${format}></attain-mapping-editor>`
              : html`<attain-plan-editor .api=${this.api} .format=${format}></attain-plan-editor>`
        }
      </div>
    </section>`;
  }
}

defineElement('attain-field-mapper', AttainFieldMapper);

declare global {
  interface HTMLElementTagNameMap {
    'attain-field-mapper': AttainFieldMapper;
  }
}
