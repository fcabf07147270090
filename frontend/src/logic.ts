// The card's logic without the DOM, so node's test runner can check it directly.

export type SessionState = "idle" | "active" | "paused";
export type Pattern = "box" | "4_7_8" | "coherent" | "calm";
export type Phase = "in" | "hold_in" | "out" | "hold_out";
export type Moment = "before" | "after";

/** Seconds of in, hold, out, hold: the same table as the integration's BREATHS. */
export const BREATHS: Record<Pattern, readonly [number, number, number, number]> = {
  box: [4, 4, 4, 4],
  "4_7_8": [4, 7, 8, 0],
  coherent: [5.5, 0, 5.5, 0],
  calm: [4, 0, 6, 0],
};
const PHASES: readonly Phase[] = ["in", "hold_in", "out", "hold_out"];
// The integration infers "after" for a rating up to 30 minutes after a session ended.
export const AFTER_WINDOW_MS = 30 * 60 * 1000;
export const AREAS = ["back", "neck", "shoulders", "head", "feet", "joints", "other"] as const;

/** The session as its sensors describe it. */
export interface Session {
  state: SessionState;
  endsAt: number | null; // epoch ms, while active
  durationMinutes: number | null;
  pausedRemaining: number | null; // seconds, while paused
  remainingMinutes: number | null;
}

/** Format seconds as m:ss, or h:mm:ss from an hour. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.ceil(seconds - 1e-6));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** Seconds left: counted down from the end while active, frozen while paused. */
export function remainingSeconds(session: Session, now: number): number | null {
  if (session.state === "active" && session.endsAt !== null) {
    return Math.max(0, (session.endsAt - now) / 1000);
  }
  if (session.state === "paused") {
    if (session.pausedRemaining !== null) return session.pausedRemaining;
    if (session.remainingMinutes !== null) return session.remainingMinutes * 60;
  }
  return null;
}

/** The share of the session done, 0 to 1, for the ring. */
export function progress(session: Session, now: number): number {
  const left = remainingSeconds(session, now);
  const total = (session.durationMinutes ?? 0) * 60;
  if (left === null || total <= 0) return 0;
  return Math.min(1, Math.max(0, 1 - left / total));
}

/** Where in the breath a moment falls: the phase, its seconds left and the circle's size 0..1. */
export function breathAt(
  pattern: Pattern,
  elapsedSeconds: number,
): { phase: Phase; left: number; size: number } {
  const times = BREATHS[pattern] ?? BREATHS.box;
  const cycle = times.reduce((a, b) => a + b, 0);
  let t = ((elapsedSeconds % cycle) + cycle) % cycle;
  for (let i = 0; i < 4; i++) {
    const length = times[i];
    if (t < length || i === 3) {
      const x = length > 0 ? Math.min(1, t / length) : 1;
      // The same raised-cosine glide as the guidance tone, so the circle moves with the pitch.
      const ease = 0.5 - 0.5 * Math.cos(Math.PI * x);
      const size = i === 0 ? ease : i === 1 ? 1 : i === 2 ? 1 - ease : 0;
      return { phase: PHASES[i], left: Math.max(0, length - t), size };
    }
    t -= length;
  }
  return { phase: "in", left: times[0], size: 0 };
}

/** The moment a rating taken now belongs to, as the integration would infer it. */
export function painMoment(state: SessionState, lastSessionAt: number | null, now: number): Moment {
  if (state !== "idle") return "before";
  if (lastSessionAt !== null && now - lastSessionAt >= 0 && now - lastSessionAt <= AFTER_WINDOW_MS) {
    return "after";
  }
  return "before";
}

/** Parse a sensor state as a number; null when unknown or unavailable. */
export function num(value: string | undefined): number | null {
  if (value === undefined || value === "" || value === "unknown" || value === "unavailable") {
    return null;
  }
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Parse a timestamp sensor's state as epoch ms. */
export function time(value: string | undefined | null): number | null {
  if (!value || value === "unknown" || value === "unavailable") return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Keep a planned length within the start action's range. */
export function clampMinutes(minutes: number): number {
  return Math.min(120, Math.max(1, Math.round(minutes)));
}

/** Bucket ratings by day for the trend: the daily mean of the last `days` days, oldest first. */
export function dailyTrend(
  ratings: readonly { at: number; rating: number }[],
  now: number,
  days = 30,
): (number | null)[] {
  const dayMs = 86_400_000;
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const first = start.getTime() - (days - 1) * dayMs;
  const sums = new Array<number>(days).fill(0);
  const counts = new Array<number>(days).fill(0);
  for (const { at, rating } of ratings) {
    const i = Math.floor((at - first) / dayMs);
    if (i >= 0 && i < days) {
      sums[i] += rating;
      counts[i] += 1;
    }
  }
  return sums.map((s, i) => (counts[i] ? s / counts[i] : null));
}
