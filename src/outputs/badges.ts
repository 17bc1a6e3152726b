import type { OutputFile, Output } from './files.ts';
import type { ShownState, StatusState } from '../state/index.ts';
import { escapeXml } from '../shared/text.ts';

/**
 * Status badges for READMEs and dashboards: an SVG per page and per component, and the same
 * label, message and colour as shields.io endpoint JSON for people who prefer shields' styles.
 */


export interface Badge {
  label: string;
  message: string;
  /** Background of the message, as hex without `#` (the form shields.io takes). */
  color: string;
}

/** Dark enough for white text at 4.5:1, except yellow, which takes dark text. */
const COLORS = {
  green: '2e7d32',
  yellow: 'f2c200',
  orange: 'c2410c',
  red: 'c62828',
  blue: '1565c0',
} as const;
const DARK_TEXT: string[] = [COLORS.yellow];

const COMPONENT_BADGES: Record<ShownState, Omit<Badge, 'label'>> = {
  operational: { message: 'operational', color: COLORS.green },
  degraded_performance: { message: 'degraded performance', color: COLORS.yellow },
  partial_outage: { message: 'partial outage', color: COLORS.orange },
  major_outage: { message: 'major outage', color: COLORS.red },
  under_maintenance: { message: 'under maintenance', color: COLORS.blue },
};

/** The page's badge follows the API's status description. */
const PAGE_BADGES: Record<string, Omit<Badge, 'label'>> = {
  'All Systems Operational': { message: 'operational', color: COLORS.green },
  'Partially Degraded Service': { message: 'degraded', color: COLORS.yellow },
  'Minor Service Outage': { message: 'minor outage', color: COLORS.yellow },
  'Partial System Outage': { message: 'partial outage', color: COLORS.orange },
  'Major System Outage': { message: 'major outage', color: COLORS.red },
  'Service Under Maintenance': { message: 'maintenance', color: COLORS.blue },
};

/** Producer: `badge.svg`/`badge.json` for the page and under `components/<id>/`. */
export function badgeFiles(state: StatusState): OutputFile[] {
  const page: Badge = { label: state.content.site.name, ...(PAGE_BADGES[state.description] ?? { message: state.description.toLowerCase(), color: COLORS.red }) };
  const badges: [string, Badge][] = [
    ['', page],
    ...state.components.map((c): [string, Badge] => [`components/${c.component.id}/`, { label: c.component.name, ...COMPONENT_BADGES[c.shown] }]),
  ];
  return badges.flatMap(([dir, badge]) => [
    { path: `${dir}badge.svg`, content: badgeSvg(badge) },
    { path: `${dir}badge.json`, content: `${JSON.stringify({ schemaVersion: 1, ...badge })}\n` },
  ]);
}

/** A flat two-part badge, 20 px high. Widths are estimated, and `textLength` makes the text fit them. */
export function badgeSvg({ label, message, color }: Badge): string {
  const labelWidth = Math.round(textWidth(label)) + 12;
  const messageWidth = Math.round(textWidth(message)) + 12;
  const width = labelWidth + messageWidth;
  const title = escapeXml(`${label}: ${message}`);
  const ink = DARK_TEXT.includes(color) ? '#1a1a1a' : '#fff';
  const text = (value: string, x: number, w: number, fill: string) =>
    `<text x="${x}" y="14" fill="${fill}" textLength="${w - 12}" lengthAdjust="spacingAndGlyphs">${escapeXml(value)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" viewBox="0 0 ${width} 20" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<clipPath id="edge"><rect width="${width}" height="20" rx="3"/></clipPath>`,
    `<g clip-path="url(#edge)"><rect width="${labelWidth}" height="20" fill="#555"/><rect x="${labelWidth}" width="${messageWidth}" height="20" fill="#${color}"/></g>`,
    `<g font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">`,
    text(label, labelWidth / 2, labelWidth, '#fff'),
    text(message, labelWidth + messageWidth / 2, messageWidth, ink),
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

/** Rough advance widths of 11 px Verdana, in pixels; close enough for `textLength` to only nudge. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    if ("ijl'|.,:;!I".includes(ch)) width += 3.3;
    else if ('ftr()[]{} -/'.includes(ch)) width += 4.4;
    else if ('mwMW'.includes(ch)) width += 10;
    else if (/[A-Z]/.test(ch)) width += 7.5;
    else if (/[\x20-\x7e]/.test(ch)) width += 6.8;
    // Combining marks take no room; CJK and emoji are wide; other scripts about average.
    else if (/\p{M}/u.test(ch)) width += 0;
    else width += ch.codePointAt(0)! >= 0x2e80 ? 11 : 7.5;
  }
  return width;
}

/** Output: the page's and each component's badges, as images and as JSON. */
export const badgeOutput: Output = {
  produce: badgeFiles,
  serves: [
  { path: '/badge.svg', type: 'image/svg+xml' },
  { path: '/components/*/badge.svg', type: 'image/svg+xml' },
  { path: '/badge.json', type: 'application/json; charset=utf-8' },
  { path: '/components/*/badge.json', type: 'application/json; charset=utf-8' },
],
};
