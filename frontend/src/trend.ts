// The 30-day pain trend: a sparkline of the daily mean rating.
import { html, nothing, svg, type TemplateResult } from "lit";

/** Draw the daily means (0..10, null for a day without ratings), or nothing without any. */
export function renderTrend(trend: (number | null)[] | null, label: string): TemplateResult | typeof nothing {
  if (!trend || trend.every((v) => v === null)) return nothing;
  const xy = trend.flatMap((v, i) => (v === null ? [] : [[3 + (i / (trend.length - 1)) * 94, 36 - (v / 10) * 32]]));
  const points = xy.map(([x, y]) => `${x},${y}`).join(" ");
  return html`<div class="trend"><div class="label">${label}</div>
    <svg viewBox="0 0 100 40" preserveAspectRatio="none" role="img" aria-label=${label}>
      ${svg`<polyline points=${points} vector-effect="non-scaling-stroke"></polyline>
      ${xy.map(([x, y]) => svg`<line x1=${x} y1=${y} x2=${x} y2=${y} vector-effect="non-scaling-stroke"></line>`)}`}
    </svg></div>`;
}
