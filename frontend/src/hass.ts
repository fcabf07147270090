// The few parts of the frontend's `hass` object the card uses, and how it finds its entities.

export interface HassEntity {
  entity_id: string;
  state: string;
  attributes: Record<string, unknown>;
}
export interface Hass {
  states: Record<string, HassEntity>;
  entities: Record<string, { entity_id: string; device_id?: string; platform: string; translation_key?: string }>;
  devices: Record<string, { id: string; name?: string | null; name_by_user?: string | null; config_entries: string[] }>;
  locale?: { language: string };
  language?: string;
  callService(
    domain: string,
    service: string,
    data?: Record<string, unknown>,
    target?: Record<string, unknown>,
    notifyOnError?: boolean,
    returnResponse?: boolean,
  ): Promise<{ response?: unknown }>;
}

export const DOMAIN = "acupressure_mat";
// The entity keys of a profile, as the integration's translation keys name them.
export const KEYS = [
  "session_state",
  "session_ends_at",
  "session_remaining",
  "session_duration",
  "next_session_minutes",
  "streak",
  "longest_streak",
  "last_pain_rating",
  "pain_relief",
  "minutes_today",
  "last_session_at",
] as const;
export type EntityKey = (typeof KEYS)[number];

/** A profile: its config entry id, its name and its entity ids by key. */
export interface Profile {
  id: string;
  name: string;
  entities: Partial<Record<EntityKey, string>>;
}

/** Find every mat profile through the entity and device registries. */
export function findProfiles(hass: Hass): Profile[] {
  const profiles = new Map<string, Profile>();
  for (const entry of Object.values(hass.entities ?? {})) {
    if (entry.platform !== DOMAIN || !entry.device_id || !entry.translation_key) continue;
    const device = hass.devices?.[entry.device_id];
    const id = device?.config_entries?.[0];
    if (!device || !id) continue;
    let profile = profiles.get(id);
    if (!profile) {
      profile = { id, name: device.name_by_user || device.name || id, entities: {} };
      profiles.set(id, profile);
    }
    if ((KEYS as readonly string[]).includes(entry.translation_key)) {
      profile.entities[entry.translation_key as EntityKey] = entry.entity_id;
    }
  }
  return [...profiles.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The profile a card shows: the configured one, or the only one there is. */
export function pickProfile(profiles: Profile[], wanted: string | undefined): Profile | undefined {
  if (wanted) return profiles.find((p) => p.id === wanted);
  return profiles.length === 1 ? profiles[0] : undefined;
}
