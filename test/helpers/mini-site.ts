import path from 'node:path';

/** A small valid site (two components, one incident) that tests copy and break. */
export const MINI = path.resolve(import.meta.dirname, '../fixtures/mini');

/** A valid incident for the mini site, to break in one place or to write in other encodings. */
export const GOOD_INCIDENT = `---
title: Slow pages
impact: minor
components:
  web-apps: degraded_performance
updates:
  - at: 2026-11-20 10:30
    status: resolved
    body: Pages are fast again.

  - at: 2026-11-20 10:00
    status: investigating
    body: Pages load slowly.
---
`;
