import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The system Chromium; CI installs it through apt. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Why browser tests cannot run here, or undefined when they can. On a developer's machine without
 * Chromium they are skipped with that reason; under CI (CI set) a missing browser is a failure, so a
 * green run always means the pages were driven in a real browser.
 */
export const browserSkipReason = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} is missing: install it (apt-get install chromium) to run the browser tests`;
if (browserSkipReason && process.env.CI) throw new Error(`${browserSkipReason}; CI is set, so the browser tests fail instead of being skipped`);

/** Launches headless Chromium without the background traffic it makes by default. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticServer {
  /** Base address with a trailing slash, like http://127.0.0.1:41234/ */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a built site folder on 127.0.0.1 at a free port, as a static host would:
 * `/x/` serves `x/index.html`, and a missing file gets `404.html` with status 404.
 */
export function serveStatic(root: string): Promise<StaticServer> {
  const base = path.resolve(root);
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let file = path.join(base, pathname);
    // Never serve anything outside the folder.
    if (file !== base && !file.startsWith(base + path.sep)) file = path.join(base, '404.html');
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    let status = 200;
    if (!existsSync(file)) {
      status = 404;
      file = path.join(base, '404.html');
    }
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(status, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
