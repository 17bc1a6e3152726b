/**
 * The browser scripts: written in TypeScript in browser/ (type-checked with the rest, the DOM's
 * types included), importing the rules they apply from state/, view/ and outputs/, and bundled by
 * the build once per process.
 */
export { clientScripts, type ClientScript, type ClientScripts } from './bundle.ts';
