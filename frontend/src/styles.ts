// The card's look, from theme variables only, so light and dark themes both apply.
import { css } from "lit";

export const styles = css`
  :host { display: block; }
  ha-card { padding: 16px; color: var(--primary-text-color); }
  h2 { margin: 0 0 12px; font-size: var(--ha-font-size-l, 1.2em); font-weight: var(--ha-font-weight-medium, 500); }
  .row { display: flex; align-items: center; justify-content: center; gap: 8px; flex-wrap: wrap; }
  .planned { font-size: 2em; font-variant-numeric: tabular-nums; min-width: 4.5em; text-align: center; }
  .label { color: var(--secondary-text-color); font-size: 0.9em; text-align: center; }
  button {
    font: inherit; cursor: pointer; border-radius: 18px; min-height: 36px; min-width: 36px;
    padding: 0 14px; border: 1px solid var(--divider-color);
    background: var(--card-background-color); color: var(--primary-text-color);
  }
  button.primary { background: var(--primary-color); color: var(--text-primary-color, #fff); border-color: transparent; }
  button[aria-pressed="true"] { background: var(--primary-color); color: var(--text-primary-color, #fff); }
  button:focus-visible { outline: 2px solid var(--primary-color); outline-offset: 2px; }
  button:disabled { opacity: 0.5; cursor: default; }
  .stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(70px, 1fr)); gap: 8px; margin-top: 16px; }
  .stat { text-align: center; }
  .stat .value { font-size: 1.2em; font-variant-numeric: tabular-nums; }
  .dial { position: relative; width: 200px; height: 200px; margin: 0 auto 12px; }
  .dial svg { position: absolute; inset: 0; transform: rotate(-90deg); }
  .track { stroke: var(--divider-color); }
  .bar { stroke: var(--primary-color); transition: stroke-dashoffset 1s linear; }
  .breath {
    position: absolute; left: 50%; top: 50%; width: 150px; height: 150px; margin: -75px;
    border-radius: 50%; background: var(--primary-color); opacity: 0.18;
    transform: scale(var(--size, 0.5)); transition: transform 0.25s linear;
  }
  .center { position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center; justify-content: center; }
  .clock { font-size: 1.6em; font-variant-numeric: tabular-nums; }
  .phase { color: var(--secondary-text-color); min-height: 1.3em; }
  .pain { margin-top: 16px; border-top: 1px solid var(--divider-color); padding-top: 12px; container-type: inline-size; }
  .scale { display: grid; grid-template-columns: repeat(11, 1fr); gap: 4px; margin: 8px 0; }
  .scale button { padding: 0; border-radius: 8px; min-width: 0; }
  /* A narrow card (a dashboard column, a phone) puts 0-5 and 6-10 on two rows of big targets. */
  @container (max-width: 420px) { .scale { grid-template-columns: repeat(6, 1fr); } }
  .chips { display: flex; flex-wrap: wrap; gap: 6px; justify-content: center; }
  .chips button { min-height: 30px; font-size: 0.9em; }
  .trend { margin-top: 12px; }
  .trend svg { width: 100%; height: 40px; }
  .trend polyline { fill: none; stroke: var(--accent-color, var(--primary-color)); stroke-width: 2; }
  /* Zero-length round-capped lines: dots that stay round in the stretched drawing. */
  .trend line { stroke: var(--accent-color, var(--primary-color)); stroke-width: 6; stroke-linecap: round; }
  .warning { color: var(--warning-color); }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @media (prefers-reduced-motion: reduce) {
    .breath, .bar { transition: none; }
  }
`;
