// The command-line tool: `markdown-status <command> [options]`. Each command is a module of this
// folder with a `main(argv)` and a HELP text; it is loaded only when it runs. scripts/markdown-status.js
// is the installed command that starts this file.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE } from '../src/shared/package.ts';
import { StatusError } from '../src/shared/errors.ts';
import { flag } from './cli.ts';

interface Command {
  summary: string;
  load: () => Promise<{ main(argv: string[]): Promise<void> }>;
}

export const COMMANDS: Record<string, Command> = {
  init: { summary: 'start a new status page in a folder', load: () => import('./init.ts') },

  build: { summary: 'validate the content and write the site to _site/', load: () => import('./build.ts') },
  serve: { summary: 'build and serve the site with live reload', load: () => import('./serve.ts') },
  check: { summary: 'validate the content and print every problem', load: () => import('./check.ts') },
  incident: { summary: 'create and update incident files', load: () => import('./incident.ts') },
  maintenance: { summary: 'create and update scheduled maintenance files', load: () => import('./maintenance.ts') },
  import: { summary: 'convert a Statuspage export into content files', load: () => import('./import.ts') },
  deploy: { summary: 'upload the built site to an S3-compatible bucket, then notify', load: () => import('./deploy.ts') },
  rebuild: { summary: "start the host's build hook once the page is due to change by itself", load: () => import('./rebuild.ts') },
  notify: { summary: 'send what is new to Slack, Teams, Discord, webhooks and email', load: () => import('./notify.ts') },
  upgrade: { summary: "bring the page's files up to this version", load: () => import('./upgrade.ts') },
  alert: { summary: 'read an alert from monitoring and print its events as JSON lines', load: () => import('./alert.ts') },
  probe: { summary: "check the components' probes and record the results on the state branch", load: () => import('./probe.ts') },
  relay: { summary: 'receive alerts over HTTP and pass them to the status repository', load: () => import('./relay.ts') },

};

export const HELP = `Usage: markdown-status <command> [options]     (in a status repository: npm run <command> -- [options])

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(13)}${c.summary}`)
  .join('\n')}

Options for every command:
  --root <dir>   the site's folder: content/, overrides/, _site/ and the cache are found there
                 (default: the working directory)
  -h, --help     the command's own options
  --version      ${PACKAGE.name}'s version

Run \`markdown-status <command> --help\` for a command's options.`;

/** Takes `--root <dir>` out of argv, wherever it stands. */
function takeRoot(argv: string[]): { root?: string; rest: string[] } {
  const root = flag(argv, 'root');
  const i = argv.findIndex((a) => a === '--root' || a.startsWith('--root='));
  if (i < 0) return { rest: argv };
  const rest = argv.filter((_, k) => k !== i && !(k === i + 1 && argv[i] === '--root'));
  return { root, rest };
}

/** Runs the tool on `argv` (without node and the script): the command's own errors are thrown. */
export async function main(args: string[]): Promise<void> {
  const { root, rest } = takeRoot(args);
  const [name, ...argv] = rest;
  if (name === '--version' || name === '-v') return void console.log(PACKAGE.version);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') return void console.log(HELP);
  const command = COMMANDS[name];
  if (!command) throw new StatusError('USAGE', `unknown command "${name}" — use one of ${Object.keys(COMMANDS).join(', ')} (markdown-status --help)`);
  if (root !== undefined) {
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new StatusError('USAGE', `--root ${root}: no such folder — name the folder that holds content/`);
    // Every path a command takes (content, output, cache, overrides) is then relative to the site.
    process.chdir(path.resolve(root));
  }
  await (await command.load()).main(argv);
}
