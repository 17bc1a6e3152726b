import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the generator itself is installed: templates, assets and locales come from here, while
 * content, output and cache come from the site's folder (the working directory, or --root).
 * In the generator's own repository the two are the same folder.
 */
export const PACKAGE_ROOT = path.resolve(import.meta.dirname, '../..');

/** The package's name, version and the editor it can add, as its package.json says. */
export const PACKAGE: { name: string; version: string; peerDependencies?: Record<string, string> } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
