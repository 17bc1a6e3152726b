import { apiOutput } from './api.ts';
import { badgeOutput } from './badges.ts';
import { calendarOutput } from './calendar.ts';
import { cmsOutput } from './cms.ts';
import { embedOutput } from './embed.ts';
import { feedOutput } from './feeds.ts';
import type { Output } from './files.ts';
import { metricsOutput } from './metrics.ts';
import { nextChangeOutput } from './next-change.ts';

/**
 * Every output of the site but the hosts' own configuration files (which are written from this list:
 * see headers.ts): a new output is a record in its module and a line here, nowhere else.
 */
export const OUTPUTS: readonly Output[] = [feedOutput, apiOutput, metricsOutput, badgeOutput, calendarOutput, nextChangeOutput, cmsOutput, embedOutput];
