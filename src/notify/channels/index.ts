// Every kind of channel, one line each: the run and the config know channels through this list
// only. Its keys are those of notifications: in the site file (src/content/schema.ts), and the
// type below fails to compile when one is missing on either side. Their order is the order
// channels run and are reported in.
import { discord } from './discord.ts';
import { email } from './email.ts';
import type { ChannelKind, ChannelType } from './kind.ts';
import { slack } from './slack.ts';
import { teams } from './teams.ts';
import { webhook } from './webhook.ts';

export const CHANNEL_KINDS: { [T in ChannelType]: ChannelKind<T> } = {
  slack,
  teams,
  discord,
  webhook,
  email,
};

export type { Channel, ChannelConfig, ChannelKind, ChannelLists, ChannelType, MessageFormat, RenderContext, Secret } from './kind.ts';
