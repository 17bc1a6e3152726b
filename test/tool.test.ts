// The command-line tool as a whole: its commands and their help, --root, --version, a wrong command,
// and the programmatic API as plain JavaScript reaches it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import ts from 'typescript';
import { COMMANDS, HELP } from '../scripts/markdown-status.ts';
import { runCommand } from './helpers/command.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'scripts/markdown-status.js');
const temp = mkdtempSync(path.join(tmpdir(), 'status-tool-'));
after(() => rmSync(temp, { recursive: true, force: true }));

async function bin(args: string[], cwd = temp): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd, timeout: 60_000 });
    return { code: 0, ...r };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('markdown-status', () => {
  it('lists every command in its help, and each command has its own', async () => {
    for (const name of Object.keys(COMMANDS)) assert.match(HELP, new RegExp(`^  ${name} `, 'm'));
    assert.equal((await runCommand([])).stdout, `${HELP}\n`);
    for (const name of Object.keys(COMMANDS)) {
      const help = (await runCommand([name, '--help'])).stdout;
      assert.match(help, /^Usage: /, `${name} --help`);
    }
  });

  it('names the version of its package', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal((await runCommand(['--version'])).stdout, `${version}\n`);
  });

  // The installed command itself, in a child process as a shell runs it.
  it('refuses an unknown command with the list, exit code 2', async () => {
    const r = await bin(['deploi']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command "deploi" — use one of init, build/);
  });

  it('runs a command on the site in another folder with --root, and refuses a missing one', async () => {
    const site = path.join(temp, 'site');
    cpSync(path.join(ROOT, 'test/fixtures/mini'), path.join(site, 'content'), { recursive: true });
    const r = await runCommand(['--root', site, 'build', '--now', '2026-11-21T00:00:00Z']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(existsSync(path.join(site, '_site/index.html')), 'built into the site folder');
    const missing = await runCommand(['check', '--root', path.join(temp, 'nowhere')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--root .*nowhere: no such folder/);
  });

  it('gives plain JavaScript the API src/index.ts names', async () => {
    const text = readFileSync(path.join(ROOT, 'src/index.ts'), 'utf8');
    const source = ts.createSourceFile('index.ts', text, ts.ScriptTarget.Latest);
    const names = source.statements
      .filter(ts.isExportDeclaration)
      .flatMap((d) => (d.exportClause && ts.isNamedExports(d.exportClause) ? d.exportClause.elements : []))
      .filter((e) => !e.isTypeOnly)
      .map((e) => e.name.text)
      .sort();
    const script = `import('${path.join(ROOT, 'scripts/api.js')}').then((api) => console.log(JSON.stringify(Object.keys(api).filter((k) => api[k] !== undefined).sort())))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: temp, timeout: 60_000 });
    assert.deepEqual(JSON.parse(stdout), names);
  });
});
