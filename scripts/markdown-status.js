#!/usr/bin/env node
// The installed command. The tool is written in TypeScript and run as it is, through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./markdown-status.ts');
