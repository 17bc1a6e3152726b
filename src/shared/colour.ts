/**
 * Colours as site files write them (`#rgb`, `#rrggbb`) and the contrast between two of them, as
 * WCAG 2.x defines it: the relative luminance of each, and (lighter + 0.05) / (darker + 0.05).
 */

/** `#rgb` or `#rrggbb`. */
export const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The least contrast WCAG 2.x level AA asks of normal-size text on its background. */
export const AA_TEXT = 4.5;

type Rgb = readonly [number, number, number];

/** Red, green and blue, 0–255, of a colour that matches HEX_COLOUR. */
function rgbOf(hex: string): Rgb {
  const digits = hex.slice(1);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}

const hexOf = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** A colour as `#rrggbb` in lower case. */
export const normalColour = (hex: string) => hexOf(rgbOf(hex));

/** WCAG 2.x relative luminance: 0 for black, 1 for white. */
export function luminance(hex: string): number {
  const [r, g, b] = rgbOf(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as unknown as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two colours, from 1 (the same) to 21 (black on white); the order does not matter. */
export function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** A ratio as people read it, rounded down so that a failing 4.49 never reads "4.5:1". */
export const ratioText = (ratio: number) => `${(Math.floor(ratio * 10) / 10).toFixed(1)}:1`;

/** Black or white, whichever contrasts more with `background` (at least 4.58:1 with any colour). */
export const blackOrWhite = (background: string) => (contrast(background, '#000000') >= contrast(background, '#ffffff') ? '#000000' : '#ffffff');

/**
 * The first colour of the same hue and saturation, one step of HSL lightness at a time darker (or
 * lighter), for which `passes` holds: the nearest colour to suggest instead of one that fails.
 * Ends at black (or white).
 */
export function shiftUntil(hex: string, direction: 'darker' | 'lighter', passes: (hex: string) => boolean): string {
  const [h, s, l] = hslOf(rgbOf(hex));
  for (let step = 1; step <= 100; step++) {
    const lightness = Math.min(1, Math.max(0, l + (direction === 'darker' ? -step : step) / 100));
    const candidate = hexOf(rgbFromHsl(h, s, lightness));
    if (passes(candidate)) return candidate;
    if (lightness === 0 || lightness === 1) break;
  }
  return direction === 'darker' ? '#000000' : '#ffffff';
}

function hslOf([r8, g8, b8]: Rgb): [number, number, number] {
  const [r, g, b] = [r8 / 255, g8 / 255, b8 / 255];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = d / (1 - Math.abs(2 * l - 1));
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [(h * 60 + 360) % 360, s, l];
}

function rgbFromHsl(h: number, s: number, l: number): Rgb {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] = h < 60 ? [c, x, 0] : h < 120 ? [x, c, 0] : h < 180 ? [0, c, x] : h < 240 ? [0, x, c] : h < 300 ? [x, 0, c] : [c, 0, x];
  return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
}
