// The card's visual editor: which profile, and which parts to show.
import { LitElement, html, css, type TemplateResult } from "lit";
import type { CardConfig } from "./card.js";
import { defineOnce } from "./define.js";
import { findProfiles, type Hass } from "./hass.js";
import { translator, type Key } from "./i18n.js";

const TOGGLES = ["show_stats", "show_breathing", "show_pain", "show_trend"] as const;

export class AcupressureMatCardEditor extends LitElement {
  static override properties = { hass: { attribute: false }, _config: { state: true } };
  static override styles = css`
    label { display: flex; align-items: center; gap: 8px; margin: 8px 0; color: var(--primary-text-color); }
    select { font: inherit; padding: 4px; color: var(--primary-text-color); background: var(--card-background-color); }
  `;
  declare hass: Hass;
  declare _config: CardConfig;

  setConfig(config: CardConfig): void {
    this._config = config;
  }

  private _t(key: Key): string {
    return translator(this.hass?.locale?.language ?? this.hass?.language)(key);
  }

  private _change(key: keyof CardConfig, value: string | boolean | undefined): void {
    const config: CardConfig = { ...this._config };
    if (value === undefined || value === "" || value === true) delete config[key as "profile"];
    else (config as unknown as Record<string, unknown>)[key] = value;
    this._config = config;
    // The frontend's editors listen for this event to take the new configuration.
    this.dispatchEvent(new CustomEvent("config-changed", { detail: { config }, bubbles: true, composed: true }));
  }

  protected override render(): TemplateResult {
    if (!this.hass || !this._config) return html``;
    const profiles = findProfiles(this.hass);
    return html`
      <label>${this._t("profile")}
        <select @change=${(e: Event) => this._change("profile", (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this._config.profile}>–</option>
          ${profiles.map((p) => html`<option value=${p.id} ?selected=${this._config.profile === p.id}>${p.name}</option>`)}
        </select>
      </label>
      ${TOGGLES.map((key) => html`<label>
        <input type="checkbox" .checked=${this._config[key] !== false}
          @change=${(e: Event) => this._change(key, (e.target as HTMLInputElement).checked)} />
        ${this._t(key)}</label>`)}`;
  }
}

defineOnce("acupressure-mat-card-editor", AcupressureMatCardEditor);
