import type { Site } from '../content/index.ts';

/** A component as the affected sentence names it: its name, and its group's id if it has one. */
export interface NamedComponent {
  name: string;
  group?: string | undefined;
}

/**
 * "www.commcarehq.org (Syncs with CommCare HQ, Web Apps), SMS": components by name, ungrouped ones
 * first, then each group's by the group's name, in the order `ids` first name the group. Unknown
 * ids are left out. The pages use it through `affectedText`; the home page's script, which knows
 * components from the API, gives its own lookups.
 */
export function affectedSentence(ids: readonly string[], component: (id: string) => NamedComponent | undefined, groupName: (id: string) => string | undefined): string {
  const parts: string[] = [];
  const byGroup = new Map<string, string[]>();
  for (const id of ids) {
    const c = component(id);
    if (!c) continue;
    if (!c.group) parts.push(c.name);
    else byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c.name]);
  }
  for (const [g, names] of byGroup) parts.push(`${groupName(g) ?? g} (${names.join(', ')})`);
  return parts.join(', ');
}

// A per-process memo keyed by the site object itself, so it lives exactly as long as that build's content.
const namers = new WeakMap<Site, (ids: readonly string[]) => string>();

/**
 * The affected sentence of a site's components; `ids` come in site order. The lookups are built
 * once per site, not once per incident.
 */
export function affectedText(site: Site, ids: readonly string[]): string {
  let name = namers.get(site);
  if (!name) namers.set(site, (name = namer(site)));
  return name(ids);
}

function namer(site: Site) {
  const components = new Map(site.components.map((c) => [c.id, c]));
  const groupNames = new Map(site.groups.map((g) => [g.id, g.name]));
  return (ids: readonly string[]) => affectedSentence(ids, (id) => components.get(id), (g) => groupNames.get(g));
}
