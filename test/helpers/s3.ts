// A real S3-compatible server (s3rver) on 127.0.0.1 with a random port, storing objects in a
// temporary folder. Tests start and stop it themselves.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3rver, { type S3rverStore } from 's3rver';

/** s3rver's built-in account; any other access key is refused. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3Server {
  endpoint: string;
  stop(): Promise<void>;
}

export interface S3ServerOptions {
  /** Opens the file an object's bytes are written to; a test can pass a slower disk. */
  openObjectFile?: (file: string) => Writable;
}

export async function startS3Server(options: S3ServerOptions = {}): Promise<S3Server> {
  const directory = mkdtempSync(path.join(tmpdir(), 'status-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  writeObjectsWhole(server.store, options.openObjectFile ?? ((file) => createWriteStream(file)));
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      // Clients keep connections open; close them so the server stops at once.
      server.httpServer.closeAllConnections();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * S3 shows an object whole or not at all, and a read after an answered write gets the new bytes.
 * s3rver alone does not: it empties the object's file, then answers the PUT once it has read the
 * request, while the last bytes may still be on their way to the disk. A read in that window (the
 * next deploy reading the manifest the last one wrote) gets an empty or cut-off object. Here the
 * bytes go to a file beside the object, which replaces it once they are all written, before the
 * PUT is answered. (The ETag and headers are written just before that replace, in s3rver's way.)
 */
function writeObjectsWhole(store: S3rverStore, openObjectFile: (file: string) => Writable): void {
  store.putObject = async (object) => {
    const file = store.getResourcePath(object.bucket, object.key, 'object');
    // Not named like an object (…._S3rver_object), so no listing shows it.
    const partial = `${file}.${randomUUID()}.partial`;
    const md5 = createHash('md5');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        md5.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    await mkdir(path.dirname(file), { recursive: true });
    try {
      const content = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
      await pipeline(content, measure, openObjectFile(partial));
      const digest = md5.digest('hex');
      await store.putMetadata(object.bucket, object.key, object.metadata, digest);
      await rename(partial, file);
      return { size, md5: digest };
    } catch (error) {
      // A cut-off upload leaves the object as it was, as in S3.
      await rm(partial, { force: true });
      throw error;
    }
  };
}
