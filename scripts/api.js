// The programmatic API for plain JavaScript: src/index.ts, loaded through tsx (the package is
// TypeScript run as it is). The names are src/index.ts's; a test keeps the two lists equal.
import { tsImport } from 'tsx/esm/api';

const api = await tsImport('../src/index.ts', import.meta.url);

export const { buildSite, serveSite, sitePaths, checkContent, loadContent, fileLedgerStore, gitLedgerStore, notifyAsOf, runNotify, s3LedgerStore, resolveNow, formatProblem, StatusError, PACKAGE } = api;
