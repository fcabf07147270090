// The mat card: plans and runs a session, breathes along and takes a pain rating.
import { LitElement, html, nothing, svg, type PropertyValues, type TemplateResult } from "lit";
import { findProfiles, pickProfile, type Hass, type Profile, type EntityKey } from "./hass.js";
import { translator, type Key } from "./i18n.js";
import {
  AREAS, breathAt, clampMinutes, dailyTrend, formatClock, num, painMoment, progress,
  remainingSeconds, time, type Pattern, type Session, type SessionState,
} from "./logic.js";
import { styles } from "./styles.js";
import { renderTrend } from "./trend.js";

export interface CardConfig {
  type: string;
  profile?: string;
  show_stats?: boolean;
  show_breathing?: boolean;
  show_pain?: boolean;
  show_trend?: boolean;
}
const RING = 2 * Math.PI * 90;

export class AcupressureMatCard extends LitElement {
  static override styles = styles;
  static override properties = {
    hass: { attribute: false },
    _config: { state: true },
    _now: { state: true },
    _minutes: { state: true },
    _area: { state: true },
    _logged: { state: true },
    _trend: { state: true },
    _busy: { state: true },
  };
  declare hass: Hass;
  declare _config: CardConfig;
  declare _now: number;
  declare _minutes: number | null;
  declare _area: string;
  declare _logged: number | null;
  declare _trend: (number | null)[] | null;
  declare _busy: boolean;
  private _timer?: number;
  private _motion = window.matchMedia?.("(prefers-reduced-motion: reduce)");
  private _trendFor?: string;

  constructor() {
    super();
    this._now = Date.now();
    this._minutes = null;
    this._area = "back";
    this._logged = null;
    this._trend = null;
    this._busy = false;
  }

  static getConfigElement(): HTMLElement {
    return document.createElement("acupressure-mat-card-editor");
  }

  static getStubConfig(): CardConfig {
    return { type: "custom:acupressure-mat-card" };
  }

  setConfig(config: CardConfig): void {
    if (!config) throw new Error("Invalid configuration");
    this._config = config;
  }

  getCardSize(): number {
    return this._state() === "idle" ? 4 : 7;
  }

  getGridOptions(): Record<string, number> {
    return { columns: 12, min_columns: 6, rows: this._state() === "idle" ? 4 : 7 };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stopTimer();
  }

  private get _profile(): Profile | undefined {
    return this.hass ? pickProfile(findProfiles(this.hass), this._config?.profile) : undefined;
  }

  private _t(key: Key, vars?: Record<string, string | number>): string {
    return translator(this.hass?.locale?.language ?? this.hass?.language)(key, vars);
  }

  private _value(key: EntityKey, profile = this._profile): string | undefined {
    const id = profile?.entities[key];
    return id ? this.hass.states[id]?.state : undefined;
  }

  private _state(): SessionState {
    const state = this._value("session_state");
    return state === "active" || state === "paused" ? state : "idle";
  }

  private _session(): Session {
    const attrs = this._attrs();
    return {
      state: this._state(),
      endsAt: time(this._value("session_ends_at")),
      durationMinutes: num(this._value("session_duration")),
      pausedRemaining: typeof attrs.remaining_seconds === "number" ? attrs.remaining_seconds : null,
      remainingMinutes: num(this._value("session_remaining")),
    };
  }

  private _attrs(): Record<string, unknown> {
    const id = this._profile?.entities.session_state;
    return (id && this.hass.states[id]?.attributes) || {};
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Tick only while a session runs; a running clock is the browser's, not a state write.
    if (this._state() === "active") this._startTimer();
    else this._stopTimer();
    const profile = this._profile;
    const key = profile && `${profile.id}:${this._value("last_pain_rating", profile)}`;
    if (key && key !== this._trendFor && this._config.show_trend !== false) {
      this._trendFor = key;
      void this._loadTrend(profile.id);
    }
  }

  private _startTimer(): void {
    if (this._timer !== undefined) return;
    this._now = Date.now();
    // Four times a second, so the breathing circle glides; the clock text changes once a second.
    this._timer = window.setInterval(() => (this._now = Date.now()), 250);
  }

  private _stopTimer(): void {
    if (this._timer === undefined) return;
    window.clearInterval(this._timer);
    this._timer = undefined;
    // Only when it was running: a property set on every update would render without end.
    this._now = Date.now();
  }

  private async _loadTrend(profileId: string): Promise<void> {
    try {
      const result = await this.hass.callService(
        "acupressure_mat", "get_history", { config_entry_id: profileId, days: 30 }, undefined, false, true,
      );
      const pain = (result.response as { pain?: { logged_at: string; rating: number }[] })?.pain ?? [];
      this._trend = dailyTrend(pain.map((p) => ({ at: Date.parse(p.logged_at), rating: p.rating })), Date.now());
    } catch {
      this._trend = null; // The trend is a garnish: without history the card still works.
    }
  }

  private async _call(service: string, data: Record<string, unknown> = {}): Promise<void> {
    const profile = this._profile;
    if (!profile || this._busy) return;
    this._busy = true;
    try {
      // The frontend shows a refusal's translated message as its usual toast, then rejects.
      await this.hass.callService("acupressure_mat", service, { config_entry_id: profile.id, ...data });
    } catch {
      // Already shown by the toast; nothing else to undo.
    } finally {
      this._busy = false;
    }
  }

  protected override render(): TemplateResult {
    if (!this.hass || !this._config) return html``;
    const profiles = findProfiles(this.hass);
    const profile = pickProfile(profiles, this._config.profile);
    if (!profile) {
      const key = profiles.length > 1 && !this._config.profile ? "pick_profile" : "no_profile";
      return html`<ha-card><p class="warning">${this._t(key)}</p></ha-card>`;
    }
    const state = this._state();
    const c = this._config;
    return html`<ha-card>
      <h2>${profile.name}</h2>
      ${state === "idle" ? this._renderIdle() : this._renderRunning(state)}
      ${c.show_stats !== false ? this._renderStats() : nothing}
      ${c.show_pain !== false ? this._renderPain(state) : nothing}
      ${c.show_trend !== false ? renderTrend(this._trend, this._t("trend")) : nothing}
    </ha-card>`;
  }

  private _renderIdle(): TemplateResult {
    const planned = num(this._value("next_session_minutes")) ?? 10;
    const minutes = this._minutes ?? planned;
    const step = (d: number): void => void (this._minutes = clampMinutes(minutes + d));
    const start = (): void => {
      this._minutes = null;
      // The planned (ramped) length starts without minutes, so the ramp counts it.
      void this._call("start_session", minutes === planned ? {} : { minutes });
    };
    return html`<div class="label">${this._t("next")}</div>
      <div class="row">
        <button aria-label=${this._t("shorter")} @click=${() => step(-1)} ?disabled=${minutes <= 1}>−</button>
        <span class="planned" aria-live="polite">${this._t("minutes", { n: minutes })}</span>
        <button aria-label=${this._t("longer")} @click=${() => step(1)} ?disabled=${minutes >= 120}>+</button>
      </div>
      <div class="row"><button class="primary start" @click=${start} ?disabled=${this._busy}>${this._t("start")}</button></div>`;
  }

  private _renderRunning(state: SessionState): TemplateResult {
    const session = this._session();
    const left = remainingSeconds(session, this._now) ?? 0;
    const total = (session.durationMinutes ?? 0) * 60;
    const clock = `${formatClock(left)} / ${formatClock(total)}`;
    // Whole minutes, so the live region changes (and is read out) once a minute, not every second.
    const spoken = this._t("remaining", { left: this._t("minutes", { n: Math.ceil(left / 60) }), total: this._t("minutes", { n: total / 60 }) });
    const offset = RING * (1 - progress(session, this._now));
    const paused = state === "paused";
    return html`<div class="dial">
        ${this._config.show_breathing !== false ? this._renderBreath(paused) : nothing}
        <svg viewBox="0 0 200 200" aria-hidden="true">
          ${svg`<circle class="track" cx="100" cy="100" r="90" fill="none" stroke-width="8"></circle>
          <circle class="bar" cx="100" cy="100" r="90" fill="none" stroke-width="8" stroke-linecap="round"
            stroke-dasharray=${RING} stroke-dashoffset=${offset}></circle>`}
        </svg>
        <div class="center">
          <div class="clock" aria-hidden="true">${clock}</div>
          <div class="phase">${paused ? this._t("paused") : this._phaseText()}</div>
        </div>
      </div>
      <div class="sr" aria-live="polite">${paused ? `${this._t("paused")}, ${spoken}` : spoken}</div>
      <div class="row">
        <button class="primary pause" @click=${() => this._call(paused ? "resume_session" : "pause_session")} ?disabled=${this._busy}>
          ${this._t(paused ? "resume" : "pause")}</button>
        <button class="extend" aria-label=${this._t("extend_label")} @click=${() => this._call("extend_session", { minutes: 5 })} ?disabled=${this._busy}>
          ${this._t("extend")}</button>
        <button class="stop" @click=${() => this._call("stop_session")} ?disabled=${this._busy}>${this._t("stop")}</button>
      </div>`;
  }

  private _breath(): ReturnType<typeof breathAt> | null {
    const attrs = this._attrs();
    const started = time(attrs.guidance_started_at as string | undefined);
    const pattern = attrs.breathing_pattern as Pattern | undefined;
    if (!pattern || started === null || this._state() !== "active") return null;
    return breathAt(pattern, (this._now - started) / 1000);
  }

  private _phaseText(): string {
    const breath = this._config.show_breathing !== false ? this._breath() : null;
    if (!breath) return this._t("active");
    return this._motion?.matches ? `${this._t(breath.phase)} · ${Math.ceil(breath.left)}` : this._t(breath.phase);
  }

  private _renderBreath(paused: boolean): TemplateResult {
    const breath = this._breath();
    // Reduced motion: the circle rests and the phase is told in words instead.
    const size = paused || !breath || this._motion?.matches ? 0.75 : 0.45 + 0.55 * breath.size;
    return html`<div class="breath" aria-hidden="true" style="--size: ${size}"></div>`;
  }

  private _renderStats(): TemplateResult {
    const stat = (label: Key, value: string | null): TemplateResult =>
      html`<div class="stat"><div class="value">${value ?? "–"}</div><div class="label">${this._t(label)}</div></div>`;
    const days = (key: EntityKey): string | null => {
      const n = num(this._value(key));
      return n === null ? null : this._t("days", { n });
    };
    const today = num(this._value("minutes_today"));
    const pain = num(this._value("last_pain_rating"));
    const relief = num(this._value("pain_relief"));
    return html`<div class="stats">
      ${stat("streak", days("streak"))} ${stat("best", days("longest_streak"))}
      ${stat("today", today === null ? null : this._t("minutes", { n: Math.round(today) }))}
      ${stat("last_pain", pain === null ? null : `${pain}/10`)}
      ${stat("relief", relief === null ? null : relief > 0 ? `+${relief}` : String(relief))}
    </div>`;
  }

  private _renderPain(state: SessionState): TemplateResult {
    const moment = painMoment(state, time(this._value("last_session_at")), Date.now());
    const log = async (rating: number): Promise<void> => {
      await this._call("log_pain", { rating, area: this._area, moment });
      this._logged = rating;
    };
    return html`<div class="pain" role="group" aria-label=${this._t("rate")}>
      <div class="label">${this._t("rate")} · ${this._t(moment === "after" ? "moment_after" : "moment_before")}</div>
      <div class="scale">
        ${Array.from({ length: 11 }, (_, n) => html`<button class="rating" aria-label=${this._t("rate_label", { n })}
          aria-pressed=${this._logged === n ? "true" : "false"} @click=${() => log(n)} ?disabled=${this._busy}>${n}</button>`)}
      </div>
      <div class="chips">
        ${AREAS.map((area) => html`<button class="chip" aria-pressed=${this._area === area ? "true" : "false"}
          @click=${() => (this._area = area)}>${this._t(area)}</button>`)}
      </div>
    </div>`;
  }
}
