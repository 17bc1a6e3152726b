import { createHash } from 'node:crypto';

/** A key for a `KeyedFile` (see outputs.ts): a hash of the JSON of everything the file is made from. */
export function keyOf(...inputs: unknown[]): string {
  const hash = createHash('sha1');
  for (const input of inputs) hash.update(typeof input === 'string' ? input : JSON.stringify(input)).update('\0');
  return hash.digest('base64');
}
