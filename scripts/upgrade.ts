// `markdown-status upgrade`: brings a status repository (or a clone of the generator) up to this version.
import path from 'node:path';
import { HOSTS, upgradeSite } from '../src/authoring/index.ts';
import { PACKAGE } from '../src/shared/package.ts';
import { npmInstall, oneOf, parseFlags } from './prompt.ts';

export const HELP = `Usage: npm run upgrade -- [options]        (or: markdown-status upgrade [options])

Run after bumping the markdown-status version (Dependabot's pull request, or npm install
markdown-status@<version>). In the status repository (the working directory, or --root) it
  - applies the site file's format changes of the new version, keeping every key it does not know;
  - refreshes the workflows and the Dependabot file from this version's templates: a file you
    edited by hand is left as it is, with the new version beside it as <name>.new;
  - moves a clone of the generator (a page made before 0.2) over: package.json depends on
    markdown-status and runs its commands, and the engine folders to delete are listed.
It prints each change, never touches incidents or maintenance, and needs no token or network
(but npm install, when package.json changed; --no-install skips it).

  --package <spec>     what package.json depends on: a tarball, a git URL or a version
                       (default: ${PACKAGE.version}, this version)
  --host <host>        move the page to another host (${HOSTS.join(', ')}): its workflows are
                       written, the old host's removed unless you edited them, and its settings
                       printed; default: the host recorded in .github/markdown-status.json
  --editor             add the web editor at /admin/ (decap-cms); --no-editor removes it
  --no-install         do not run npm install after package.json changed
  -h, --help           this help`;

export async function main(argv: string[]): Promise<void> {
  const { values } = parseFlags(argv, {
    package: { type: 'string' },
    host: { type: 'string' },
    editor: { type: 'boolean' },
    'no-editor': { type: 'boolean' },
    'no-install': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return void console.log(HELP);
  const root = process.cwd();
  const result = upgradeSite({
    root,
    packageSpec: values.package,
    host: values.host === undefined ? undefined : oneOf(values.host, HOSTS, 'host'),
    editor: values.editor ? true : values['no-editor'] ? false : undefined,
  });
  if (result.changes.length === 0) console.log(`Up to date with markdown-status ${PACKAGE.version}: nothing to change.`);
  for (const line of result.changes) console.log(`- ${line}`);
  if (result.removable.length) {
    console.log(`\nThe generator now comes from node_modules; these files of the clone are no longer used:\n  git rm -r ${result.removable.join(' ')}`);
  }
  if (result.needsInstall && !values['no-install']) {
    console.log('');
    npmInstall(root, path.basename(root), 'the files are upgraded');
  }
}
