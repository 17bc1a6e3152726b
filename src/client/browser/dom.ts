/// <reference lib="dom" />
import { around } from '../../view/index.ts';

/** Small DOM helpers the page scripts share. */

/** A new element with attributes and, if given, its text (always as text, never as HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(name: K, attributes?: Record<string, string> | null, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes ?? {})) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The JSON an attribute holds, or undefined when it is missing or not JSON. */
export function jsonAttribute<T>(node: Element | null, name: string): T | undefined {
  try {
    const value = node?.getAttribute(name);
    return value ? (JSON.parse(value) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Fills `parent` with `message`, `node` standing for its `{name}` placeholder (the translation decides where). */
export function fillAround(parent: Element, message: string, name: string, node: Node): void {
  const { before, after } = around(message, name);
  parent.append(before, node, after);
}

/** The page's address for a site path ("/incidents/x/"), under the site's base path, as the templates' url filter writes it. */
export const sitePath = (base: string, path: string) => base + path.replace(/^\//, '');

/** localStorage, or null where the browser refuses it (some private modes, blocked storage). */
export function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
