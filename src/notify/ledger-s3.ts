// The ledger as an object in the bucket, next to the deployed site, so the next deploy (from any
// machine) finds it. Writes are conditional on the ETag last read (If-Match, or If-None-Match: *
// for the first one): when another run wrote meanwhile, both ledgers are merged and written again.
// A store that ignores or refuses conditions gets plain writes (deploys run one at a time anyway).
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { mergeLedgers, parseLedger, serializeLedger, type Ledger, type LedgerStore } from './ledger.ts';
import { StatusError } from './upstream.ts';

/** Object name inside the deploy prefix; a dot name no build output can take, like the deploy manifest. */
export const LEDGER_KEY = '.status-notify.json';

interface S3Error {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}
const statusOf = (error: unknown) => (error as S3Error).$metadata?.httpStatusCode;

export function s3LedgerStore(client: S3Client, bucket: string, prefix: string): LedgerStore {
  const key = prefix + LEDGER_KEY;
  const where = `s3://${bucket}/${key}`;
  // What this store last read or wrote: the condition for the next write. Per store, never shared.
  let etag: string | undefined;
  let conditional = true;

  const get = async (): Promise<{ ledger: Ledger; etag?: string } | undefined> => {
    try {
      const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const text = (await result.Body?.transformToString('utf8')) ?? '';
      return { ledger: parseLedger(text, where), etag: result.ETag };
    } catch (error) {
      if (error instanceof StatusError) throw error;
      if ((error as S3Error).name === 'NoSuchKey' || statusOf(error) === 404) return undefined;
      throw new StatusError('IO', `could not read the notification ledger ${where}: ${(error as S3Error).name ?? ''} ${(error as S3Error).message ?? ''}`.trim(), [], { cause: error });
    }
  };

  const put = (ledger: Ledger, condition: { IfMatch?: string; IfNoneMatch?: string }) =>
    client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: serializeLedger(ledger),
        ContentType: 'application/json; charset=utf-8',
        CacheControl: 'no-store',
        ...(conditional ? condition : {}),
      }),
    );

  return {
    where,
    async read() {
      const found = await get();
      etag = found?.etag;
      return found?.ledger;
    },
    async write(ledger) {
      let current = ledger;
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          const result = await put(current, etag ? { IfMatch: etag } : { IfNoneMatch: '*' });
          etag = result.ETag;
          return current;
        } catch (error) {
          const status = statusOf(error);
          if (status === 412 || status === 409) {
            // Another run wrote the ledger since we read it: keep what both sent.
            const theirs = await get();
            etag = theirs?.etag;
            if (theirs) current = mergeLedgers(theirs.ledger, current);
            continue;
          }
          if (conditional && (status === 501 || status === 400 || (error as S3Error).name === 'NotImplemented')) {
            conditional = false;
            continue;
          }
          throw new StatusError('IO', `could not write the notification ledger ${where}: ${(error as S3Error).name ?? ''} ${(error as S3Error).message ?? ''}`.trim(), [], { cause: error });
        }
      }
      throw new StatusError('IO', `could not write the notification ledger ${where}: other runs kept changing it`);
    },
  };
}
