// Unit tests of the card's logic: countdown, pause, breathing phase, pain moment.
import { test } from "node:test";
import assert from "node:assert/strict";
import { breathAt, clampMinutes, dailyTrend, formatClock, painMoment, progress, remainingSeconds, type Session } from "../src/logic.js";
import { findProfiles, pickProfile, type Hass } from "../src/hass.js";
import { translator } from "../src/i18n.js";

const active = (endsAt: number): Session => ({ state: "active", endsAt, durationMinutes: 5, pausedRemaining: null, remainingMinutes: 4 });

test("the clock counts down each second from the end time", () => {
  const now = 1_000_000;
  const session = active(now + 200_000);
  assert.equal(formatClock(remainingSeconds(session, now)!), "3:20");
  assert.equal(formatClock(remainingSeconds(session, now + 1000)!), "3:19");
  assert.equal(formatClock(remainingSeconds(session, now + 500_000)!), "0:00");
  assert.equal(formatClock(300), "5:00");
  assert.equal(formatClock(3725), "1:02:05");
  assert.equal(progress(session, now), 1 - 200 / 300);
});

test("a paused session shows its frozen time, from seconds or else whole minutes", () => {
  const paused: Session = { state: "paused", endsAt: null, durationMinutes: 5, pausedRemaining: 137.4, remainingMinutes: 3 };
  assert.equal(formatClock(remainingSeconds(paused, 0)!), "2:18");
  assert.equal(remainingSeconds(paused, 99_999_999), 137.4);
  assert.equal(remainingSeconds({ ...paused, pausedRemaining: null }, 0), 180);
  assert.equal(remainingSeconds({ ...paused, state: "idle" }, 0), null);
});

test("the breath follows the pattern: grows in, holds, shrinks out", () => {
  assert.deepEqual(breathAt("box", 0), { phase: "in", left: 4, size: 0 });
  assert.equal(breathAt("box", 2).phase, "in");
  assert.ok(Math.abs(breathAt("box", 2).size - 0.5) < 1e-9);
  assert.equal(breathAt("box", 5).phase, "hold_in");
  assert.equal(breathAt("box", 5).size, 1);
  assert.equal(breathAt("box", 9).phase, "out");
  assert.equal(breathAt("box", 13).phase, "hold_out");
  assert.equal(breathAt("box", 16).phase, "in");
  assert.equal(breathAt("4_7_8", 12).phase, "out");
  assert.equal(breathAt("4_7_8", 19.5).phase, "in"); // a 19 s cycle without a hold after
  assert.equal(breathAt("coherent", 6).phase, "out");
  assert.equal(breathAt("calm", 9.9).phase, "out");
});

test("a rating after a recent session is 'after', else 'before'", () => {
  const now = 10_000_000;
  assert.equal(painMoment("idle", now - 10 * 60_000, now), "after");
  assert.equal(painMoment("idle", now - 31 * 60_000, now), "before");
  assert.equal(painMoment("idle", null, now), "before");
  assert.equal(painMoment("active", now - 60_000, now), "before");
});

test("planned minutes stay within the start action's range", () => {
  assert.equal(clampMinutes(0), 1);
  assert.equal(clampMinutes(121), 120);
});

test("the trend averages each day", () => {
  const now = new Date(2026, 5, 30, 12).getTime();
  const trend = dailyTrend([{ at: now, rating: 4 }, { at: now - 1000, rating: 6 }, { at: now - 86_400_000, rating: 2 }], now, 3);
  assert.deepEqual(trend, [null, 2, 5]);
});

test("profiles are found by device and the only one is picked", () => {
  const hass = {
    entities: {
      "sensor.a_state": { entity_id: "sensor.a_state", device_id: "d1", platform: "acupressure_mat", translation_key: "session_state" },
      "sensor.b_state": { entity_id: "sensor.b_state", device_id: "d2", platform: "acupressure_mat", translation_key: "session_state" },
      "light.x": { entity_id: "light.x", device_id: "d1", platform: "hue" },
    },
    devices: { d1: { id: "d1", name: "Anna", config_entries: ["e1"] }, d2: { id: "d2", name: "Ben", name_by_user: "Benno", config_entries: ["e2"] } },
  } as unknown as Hass;
  const profiles = findProfiles(hass);
  assert.deepEqual(profiles.map((p) => [p.id, p.name, p.entities.session_state]), [["e1", "Anna", "sensor.a_state"], ["e2", "Benno", "sensor.b_state"]]);
  assert.equal(pickProfile(profiles, undefined), undefined);
  assert.equal(pickProfile(profiles, "e2")?.name, "Benno");
  assert.equal(pickProfile(profiles.slice(0, 1), undefined)?.id, "e1");
});

test("the card speaks the user's language and falls back to English", () => {
  assert.equal(translator("de")("start"), "Starten");
  assert.equal(translator("cs-CZ")("start"), "Spustit");
  assert.equal(translator("fr")("minutes", { n: 5 }), "5 min");
});
