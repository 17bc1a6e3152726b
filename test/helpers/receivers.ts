// Real receivers for the notification tests, on 127.0.0.1 at free ports: an HTTP server that
// records every POST and answers as told (ok, 500, 429 with Retry-After, or never), and an SMTP
// server whose messages are parsed back with mailparser.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Answer = 'ok' | 500 | 400 | { status: 429; retryAfter: string } | 'hang';

export interface HttpReceiver {
  /** Base address, like http://127.0.0.1:41234 */
  url: string;
  /** Requests answered with a 2xx, in order. */
  received: Received[];
  /** Every request, failed ones too. */
  attempts: Received[];
  /** Answers for the next requests to a path; once used up, requests get 'ok'. */
  plan(path: string, answers: Answer[]): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const plans = new Map<string, Answer[]>();
  const received: Received[] = [];
  const attempts: Received[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      attempts.push(r);
      const answer = plans.get(r.path)?.shift() ?? 'ok';
      if (answer === 'hang') return void hanging.add(res);
      if (answer === 'ok') {
        received.push(r);
        return void res.writeHead(r.path.startsWith('/discord') ? 204 : 200).end(r.path.startsWith('/slack') ? 'ok' : undefined);
      }
      if (typeof answer === 'object') return void res.writeHead(429, { 'retry-after': answer.retryAfter }).end('slow down');
      res.writeHead(answer).end('failed on purpose');
    });
  });
  // Idle connections stay open for the whole test: a server closing one just as the client reuses
  // it would show up as a spurious network error (and an extra attempt) in the assertions.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    attempts,
    plan: (path, answers) => plans.set(path, [...answers]),
    reset() {
      received.length = 0;
      attempts.length = 0;
      plans.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Whether a request carries a valid X-Status-Signature for `secret`. */
export function signedBy(r: Received, secret: string): boolean {
  const header = String(r.headers['x-status-signature'] ?? '');
  const expected = `sha256=${createHmac('sha256', secret).update(r.body).digest('hex')}`;
  return header.length === expected.length && timingSafeEqual(Buffer.from(header), Buffer.from(expected));
}

export interface SmtpReceiver {
  url: string;
  mails: ParsedMail[];
  /** Envelope recipients of each mail, in order. */
  envelopes: string[][];
  /** Refuse the next `count` messages with this SMTP code (4xx: try later; 5xx: refused). */
  refuse(count: number, code: number): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: ParsedMail[] = [];
  const envelopes: string[][] = [];
  let refusals: { count: number; code: number } = { count: 0, code: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          if (refusals.count > 0) {
            refusals.count--;
            const error = Object.assign(new Error('refused on purpose'), { responseCode: refusals.code });
            return callback(error);
          }
          mails.push(mail);
          envelopes.push(session.envelope.rcptTo.map((r) => r.address));
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    envelopes,
    refuse: (count, code) => void (refusals = { count, code }),
    reset() {
      mails.length = 0;
      envelopes.length = 0;
      refusals = { count: 0, code: 0 };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
