// Secrets named in the site file, read from the environment when a channel opens: a missing or
// malformed one names the variable and the channel, and stops that channel only.
import type { Channel, Secret } from './channels/kind.ts';
import { StatusError } from './upstream.ts';

/** The secret of an HTTP channel's address. */
export const webhookUrl = (variable: string): Secret => ({ variable, what: 'the webhook URL' });

/** A secret's value; a missing one names the variable and the channel. */
export function secretOf(env: NodeJS.ProcessEnv, secret: Secret, channel: Pick<Channel, 'name'>): string {
  const value = env[secret.variable];
  if (value === undefined || value === '') {
    throw new StatusError('USAGE', `channel ${channel.name}: the environment variable ${secret.variable} is not set — set it to ${secret.what} in the deploy environment (a secret: never in the repository)`);
  }
  return value;
}

/** A channel's webhook URL: https, or http on this machine only (tests, local relays). */
export function webhookUrlOf(env: NodeJS.ProcessEnv, secret: Secret, channel: Pick<Channel, 'name'>): URL {
  const text = secretOf(env, secret, channel);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StatusError('USAGE', `channel ${channel.name}: ${secret.variable} does not hold a URL — set it to the https:// address the service gave for the webhook`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new StatusError('USAGE', `channel ${channel.name}: ${secret.variable} must be an https:// address — got a ${url.protocol} one`);
  }
  return url;
}

/** The variables of a channel not set in `env`, as a dry run warns about them. */
export function missingSecrets(channel: Channel, env: NodeJS.ProcessEnv): string | undefined {
  const missing = channel.kind.secrets(channel.config).map((s) => s.variable).filter((n) => !env[n]);
  return missing.length ? `channel ${channel.name}: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set; a real run would fail on this channel` : undefined;
}
