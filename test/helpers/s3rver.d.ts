// The parts of s3rver (an S3-compatible server for tests) that the tests use; it ships no types.
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';
  import type { Server } from 'node:http';
  import type { Readable } from 'node:stream';
  /** An object as a PUT hands it to the store, its bytes still to be read. */
  export interface S3rverObject {
    bucket: string;
    key: string;
    content: Readable | Buffer;
    metadata: Record<string, string>;
  }
  /** s3rver's store of objects in a folder: one file for the bytes, others for ETag and headers. */
  export interface S3rverStore {
    /** The file that holds `resource` ("object", "metadata.json", …) of an object. */
    getResourcePath(bucket: string, key: string, resource: string): string;
    /** Writes the object's ETag (its MD5) and the headers it is served with. */
    putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5: string): Promise<void>;
    putObject(object: S3rverObject): Promise<{ size: number; md5: string }>;
  }
  export default class S3rver {
    constructor(options: { address?: string; port?: number; silent?: boolean; directory?: string; configureBuckets?: { name: string }[] });
    httpServer: Server;
    /** What every request reads and writes objects through. */
    store: S3rverStore;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
