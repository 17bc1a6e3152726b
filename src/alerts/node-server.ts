import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { relay, RELAY_MAX_BYTES, type RelayEnv } from './relay.ts';

/**
 * The relay under Node: an http server that hands each request to the fetch handler as a web
 * Request and writes its Response back. Bodies are cut off past the relay's limit while they are
 * read, so an endless upload costs no memory.
 */
export function relayServer(env: RelayEnv, handler: (request: Request, env: RelayEnv) => Promise<Response> = relay): Server {
  return createServer((req, res) => {
    serve(req, res, env, handler).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('relay error\n');
    });
  });
}

async function serve(req: IncomingMessage, res: ServerResponse, env: RelayEnv, handler: (request: Request, env: RelayEnv) => Promise<Response>): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > RELAY_MAX_BYTES) {
      res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      // The rest is not read: the connection closes once the answer is out.
      res.end(`an alert may have ${RELAY_MAX_BYTES / 1024} KB\n`, () => req.destroy());
      return;
    }
    chunks.push(chunk);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = req.method ?? 'GET';
  const request = new Request(new URL(req.url ?? '/', 'http://relay.invalid'), {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks),
  });
  const response = await handler(request, env);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}
