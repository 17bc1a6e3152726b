// `markdown-status init <dir>`: asks a few questions (or takes flags) and writes a status repository.
import path from 'node:path';
import { checklist, DEFAULT_HOST, HOST_PROFILES, HOSTS, INIT_DEFAULTS, initSite, numbered } from '../src/authoring/index.ts';
import { PACKAGE } from '../src/shared/package.ts';
import { StatusError } from '../src/shared/errors.ts';
import { interactive, npmInstall, oneOf, parseFlags } from './prompt.ts';
import { createInterface } from 'node:readline/promises';

export const HELP = `Usage: markdown-status init <dir> [options]

Writes a new status repository into <dir> (missing or empty): package.json pinning this
generator, content/site.yml with your page and components, empty content/incidents/ and
content/maintenance/, GitHub workflows for the host (check and build pull requests, publish main,
notify once the pages are live, rebuild on the clock), a Dependabot file, .gitignore and a README
for the page's editors with the host's settings. Then runs npm install there, and prints the
settings to make once. It never overwrites an existing page.

In a terminal it asks for what the flags below do not give; --yes takes the defaults instead.

  --name <text>          the page's name (default: ${INIT_DEFAULTS.name})
  --url <address>        its public address (default: ${INIT_DEFAULTS.url})
  --zone <IANA zone>     time zone of every time on the page (default: ${INIT_DEFAULTS.timeZone})
  --locale <tag>         language of the page (default: ${INIT_DEFAULTS.locale})
  --components <list>    what the page reports on, comma separated (default: ${INIT_DEFAULTS.components.join(', ')})
  --host <host>          where it is served from (default: ${DEFAULT_HOST}):
${HOSTS.map((h) => `                           ${h.padEnd(17)}${HOST_PROFILES[h].label}`).join('\n')}
  --editor               add the web editor at /admin/ (decap-cms)
  --package <spec>       what package.json depends on: a tarball, a git URL or a version
                         (default: ${PACKAGE.version}, this version)
  --no-install           do not run npm install
  -y, --yes              take the defaults for anything not given, without asking
  -h, --help             this help`;

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseFlags(argv, {
    name: { type: 'string' },
    url: { type: 'string' },
    zone: { type: 'string' },
    locale: { type: 'string' },
    components: { type: 'string' },
    host: { type: 'string' },
    editor: { type: 'boolean' },
    package: { type: 'string' },
    'no-install': { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return void console.log(HELP);
  const [target, ...extra] = positionals;
  if (!target || extra.length) throw new StatusError('USAGE', 'name one folder for the new page, like: markdown-status init my-status');
  const dir = path.resolve(target);

  const answer = questions(values.yes === true);
  const name = await answer(values.name, 'Name of the page', INIT_DEFAULTS.name);
  const url = await answer(values.url, 'Public address', INIT_DEFAULTS.url);
  const timeZone = await answer(values.zone, 'Time zone (IANA name)', INIT_DEFAULTS.timeZone);
  const components = await answer(values.components, 'Components, comma separated', INIT_DEFAULTS.components.join(', '));
  const host = oneOf(await answer(values.host, `Host (${HOSTS.join(', ')})`, DEFAULT_HOST), HOSTS, 'host');
  const written = initSite({
    dir,
    name,
    url,
    timeZone,
    locale: values.locale,
    components: components.split(',').map((c) => c.trim()).filter(Boolean),
    host,
    editor: values.editor === true,
    packageSpec: values.package,
  });
  const shown = target.replace(/[\\/]+$/, '');
  console.log(`Wrote ${written.length} files into ${shown}/`);

  if (!values['no-install']) {
    npmInstall(dir, shown, 'the files are written');
  }
  console.log(
    [
      '',
      'Next:',
      `  cd ${shown}`,
      ...(values['no-install'] ? ['  npm install'] : []),
      '  npm start            the page on http://localhost:8080/, rebuilt as you edit content/',
      '  git init && git add . && git commit -m "Status page"',
      'Then push it to GitHub, and make these settings once (README.md lists them too):',
      numbered(checklist(host, values.editor === true), '  '),
    ].join('\n'),
  );
}

/** Each question's answer: the flag's value, else the default with --yes, else the person's answer. */
function questions(yes: boolean) {
  return async (value: string | undefined, question: string, fallback: string): Promise<string> => {
    if (value !== undefined && value !== '') return value;
    if (yes) return fallback;
    if (!interactive()) throw new StatusError('USAGE', `no terminal to ask "${question}": pass it as a flag, or --yes for the defaults (markdown-status init --help)`);
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return (await rl.question(`${question} [${fallback}]: `)).trim() || fallback;
    } finally {
      rl.close();
    }
  };
}
