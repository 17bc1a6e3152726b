#!/usr/bin/env node
// The installed command. The tool is written in TypeScript and run as it is, through tsx.
import { register } from 'tsx/esm/api';

register();
const [{ run }, { main }] = await Promise.all([import('./cli.ts'), import('./markdown-status.ts')]);
await run(() => main(process.argv.slice(2)));
