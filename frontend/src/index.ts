// Registers the card and offers it in the card picker.
import { AcupressureMatCard } from "./card.js";
import { defineOnce } from "./define.js";
import "./editor.js";
import { translator } from "./i18n.js";

declare global {
  interface Window {
    customCards?: { type: string; name: string; description: string; preview?: boolean; documentationURL?: string }[];
  }
}

defineOnce("acupressure-mat-card", AcupressureMatCard);

const t = translator(navigator.language);
window.customCards = window.customCards ?? [];
// The picker's type has no "custom:" prefix; a second load of the module adds no second entry.
if (!window.customCards.some((card) => card.type === "acupressure-mat-card")) {
  window.customCards.push({
    type: "acupressure-mat-card",
    name: t("name"),
    description: t("description"),
    preview: true,
    documentationURL: "https://github.com/acupressure-mat/acupressure_mat#dashboard-card",
  });
}
