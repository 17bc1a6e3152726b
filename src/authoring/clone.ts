import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The format before markdown-status was a package: a team's page was a clone of the generator,
 * engine and all. What that clone held is written down here once, as it was shipped (taken from
 * the generator's history), so `upgrade` can tell the generator's parts from the team's own.
 * Frozen: nothing here changes when the package does.
 */

/** The engine at the top of a clone; a status repository has it in node_modules/markdown-status. */
export const CLONE_ENGINE_PATHS = ['src', 'scripts', 'layouts', 'locales', 'test', '.eleventy.js', 'tsconfig.json'] as const;

/** Every dependency and dev dependency the generator's package.json named; decap-cms is the editor and handled on its own. */
export const CLONE_DEPENDENCIES: ReadonlySet<string> = new Set([
  '@11ty/eleventy', '@aws-sdk/client-cloudfront', '@aws-sdk/client-s3', 'feed', 'gray-matter', 'ical-generator', 'js-yaml',
  'luxon', 'markdown-it', 'nodemailer', 'nunjucks', 'pagefind', 'tsx', 'turndown', 'yaml', 'zod',
  '@rowanmanning/feed-parser', '@types/luxon', '@types/mailparser', '@types/markdown-it', '@types/node', '@types/nodemailer',
  '@types/nunjucks', '@types/sanitize-html', '@types/smtp-server', '@types/turndown', 'axe-core', 'chrome-launcher',
  'feedsmith', 'html-validate', 'ical.js', 'lighthouse', 'mailparser', 'playwright-core', 's3rver', 'sanitize-html',
  'saxes', 'smtp-server', 'typescript',
]);

/** The generator's scripts, each with every command it ever had; a script with another command is the team's. */
export const CLONE_SCRIPTS: Readonly<Record<string, readonly string[]>> = {
  build: ['tsx scripts/build.ts'],
  start: ['node --import tsx node_modules/@11ty/eleventy/cmd.cjs --serve'],
  test: [
    'tsc --noEmit -p . && node --import tsx --test test/*.test.ts',
    'tsc --noEmit -p . && node --import tsx --test test/*.test.ts test/*/*.test.ts',
    'tsc --noEmit -p . && node --import tsx --test --test-concurrency=2 test/*.test.ts test/*/*.test.ts',
  ],
  typecheck: ['tsc --noEmit -p .'],
  incident: ['tsx scripts/incident.ts'],
  maintenance: ['tsx scripts/maintenance.ts'],
  check: ['tsx scripts/check.ts'],
  deploy: ['tsx scripts/deploy.ts'],
  notify: ['tsx scripts/notify.ts'],
  import: ['tsx scripts/import.ts'],
  screenshots: ['tsx scripts/screenshots.ts'],
  bench: ['tsx scripts/bench.ts'],
};

/**
 * textHash (starter.ts) of every version of the files the generator shipped in .github/. A clone
 * whose file has one of these never edited it, so `upgrade` may replace it; any other text is the
 * team's, and is kept.
 */
export const CLONE_SHIPPED: Readonly<Record<string, readonly string[]>> = {
  '.github/workflows/pull-request.yml': [
    '0a204a95a0400a4ba0b6f78af0f7ee021bf7404c897db85e32da250452b47164',
    '368a7fde176d2a6c0d2669bcb99091036e764285ad4e6728b58db23ea3468079',
    'bc66051e33333f599e4a2586009cf56c5475896f7e1bdbe01b79a87d1534d05e',
    'ecfb67121957dd54c3ef2b95c2f4561a884aed0f628ce914c6369577b0e4941b',
  ],
  '.github/workflows/deploy.yml': [
    '065203392fab5a77332c1761aa67f96ff6107035c474b9838962ac88065a1e49',
    '0cd168bcee6dd76ee6e011202b6b9b13a99cf03b75a83523cfae6b0ce16e386a',
    '6c8ba98562fec197b737a21e0770b9389632ad3fa73927f30e8118f26a5cc8d5',
    '78fabb60542189b47bab4b33b5e7bf6a390264c20e174117aa6b126bf76739fb',
    'e1631b9d84d4bfbdfc3c3c2afea93bf1519368c1903e36e9b5ed8e6d6f27aec0',
  ],
  '.github/workflows/scheduled-rebuild.yml': [
    '2faf4a3c75bf2ef41aa2eb7f0055d0bfbb11d2fc372de7bfb0a2c3f2397070f4',
    '67ffdaceb31d6aac30210bc7f6e6e9d4d7e81913fcecabc1b7ea106366932507',
    '77354bcd3995bd69728aa8090c11096b55d7a8d855ad253e3eb36c7ea3f5190b',
    '7ff3143aaa8cfe78e5fbbb206cd31cab0071451ade811d4547c5666aa41a5b7b',
    'a4433dcfcc16e5371e567cc0fa26d8a9a2e943899fba05f1c37b2fb2824bf3e7',
  ],
  '.github/PULL_REQUEST_TEMPLATE.md': ['16dba54a8ae61631fb074a9d64132a60bb86c37770fa3b3147390c77fffe3f97'],
};

/** package.json as read: only the parts `upgrade` looks at are typed; every other key is kept as it is. */
export interface PackageJson {
  name?: string;
  version?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** A clone of the generator: its package.json names itself markdown-status and runs the engine from scripts/. */
export function isClone(pkg: PackageJson, root: string): boolean {
  if (pkg.name !== 'markdown-status') return false;
  const shipped = Object.entries(pkg.scripts ?? {}).some(([name, command]) => CLONE_SCRIPTS[name]?.includes(command));
  return shipped || existsSync(path.join(root, 'src', 'pipeline.ts'));
}

/** The engine paths a clone still holds. */
export const engineLeftovers = (root: string) => CLONE_ENGINE_PATHS.filter((p) => existsSync(path.join(root, p)));
