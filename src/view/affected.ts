import type { Site } from '../content/index.ts';

// A per-process memo keyed by the site object itself, so it lives exactly as long as that build's content.
const namers = new WeakMap<Site, (ids: readonly string[]) => string>();

/**
 * "www.commcarehq.org (Syncs with CommCare HQ, Web Apps), SMS": affected components by name,
 * grouped under their group's name, as the pages write them. `ids` come in site order.
 * The lookups are built once per site, not once per incident.
 */
export function affectedText(site: Site, ids: readonly string[]): string {
  let name = namers.get(site);
  if (!name) namers.set(site, (name = namer(site)));
  return name(ids);
}

function namer(site: Site) {
  const components = new Map(site.components.map((c) => [c.id, c]));
  const groupNames = new Map(site.groups.map((g) => [g.id, g.name]));
  return (ids: readonly string[]) => {
    const parts: string[] = [];
    const byGroup = new Map<string, string[]>();
    for (const id of ids) {
      const c = components.get(id);
      if (!c) continue;
      if (!c.group) parts.push(c.name);
      else byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c.name]);
    }
    for (const [g, names] of byGroup) parts.push(`${groupNames.get(g) ?? g} (${names.join(', ')})`);
    return parts.join(', ');
  };
}
