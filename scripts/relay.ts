// Runs the alert relay (src/alerts/relay.ts) as a Node web server, for a host that runs a process
// rather than a Worker or a Function. It stops cleanly on SIGINT and SIGTERM.
import type { AddressInfo } from 'node:net';
import { StatusError } from '../src/shared/errors.ts';
import { relayServer, type RelayEnv } from '../src/alerts/index.ts';
import { flag, refuseUnknown } from './cli.ts';

export const HELP = `Usage: markdown-status relay [--port <n>] [--host <address>]

Receives alerts from monitoring services and passes each to the status repository as a
repository_dispatch event (status-alert), where the alert workflow reads it (README, "Monitoring
and alerts"). Put it behind HTTPS.

  --port <n>          PORT  (default: 8787)
  --host <address>    the address to listen on (default: 127.0.0.1; 0.0.0.0 for every one)

Environment:
  STATUS_RELAY_TOKEN         the shared secret: Authorization: Bearer <it>, or ?token=<it>
  STATUS_RELAY_HMAC_SECRET   the key of X-Signature / X-PagerDuty-Signature (HMAC-SHA256 of the body)
  STATUS_GITHUB_TOKEN        a token that may create dispatch events on the repository
  STATUS_GITHUB_REPOSITORY   owner/name of the status repository
  STATUS_GITHUB_API          the GitHub API's address (default: https://api.github.com)`;

export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) return void console.log(HELP);
  refuseUnknown(argv, { values: ['port', 'host'], help: 'markdown-status relay --help' });
  const portText = flag(argv, 'port') ?? process.env.PORT ?? '8787';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new StatusError('USAGE', `--port ${portText}: write a port number, like 8787`);
  const host = flag(argv, 'host') ?? '127.0.0.1';
  const env = process.env as RelayEnv;
  if (!env.STATUS_GITHUB_TOKEN || !env.STATUS_GITHUB_REPOSITORY || !(env.STATUS_RELAY_TOKEN || env.STATUS_RELAY_HMAC_SECRET)) {
    throw new StatusError('USAGE', 'set STATUS_GITHUB_TOKEN, STATUS_GITHUB_REPOSITORY and STATUS_RELAY_TOKEN or STATUS_RELAY_HMAC_SECRET (markdown-status relay --help)');
  }
  const server = relayServer(env);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const { address, port: bound } = server.address() as AddressInfo;
  console.log(`relaying alerts to ${env.STATUS_GITHUB_REPOSITORY} from http://${address.includes(':') ? `[${address}]` : address}:${bound}/`);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
