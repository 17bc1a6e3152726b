// The deploy keeps a small JSON object in the bucket listing the files it manages, with the hash,
// headers and ETag of each as uploaded. It tells what changed without reading every object back,
// and which objects the deploy may delete: it never touches anything it did not upload.
import { z } from 'zod';
import { StatusError } from '../shared/errors.ts';
import { parseJson } from '../shared/json.ts';

/** Object name, inside the prefix. Starts with a dot so no build output can collide with it. */
export const MANIFEST_KEY = '.status-deploy.json';

const entrySchema = z.object({
  /** null while an upload is pending: the object may or may not hold the new bytes. */
  sha256: z.string().nullable(),
  /** The ETag the server gave the upload; a different one in the listing means someone replaced it. */
  etag: z.string().nullable(),
  size: z.number().int().nonnegative(),
  contentType: z.string(),
  cacheControl: z.string(),
});
const manifestSchema = z.object({ version: z.literal(1), files: z.record(z.string(), entrySchema) });

export type ManifestEntry = z.infer<typeof entrySchema>;
export type Manifest = z.infer<typeof manifestSchema>;

export const emptyManifest = (): Manifest => ({ version: 1, files: {} });

export function parseManifest(text: string, where: string): Manifest {
  const parsed = parseJson(manifestSchema, text);
  if (parsed === undefined) {
    throw new StatusError(
      'IO',
      `${where} is not a deploy manifest this version understands — if nothing else writes that object, delete it; the next deploy then uploads every file again and deletes nothing`,
    );
  }
  return parsed;
}

/** Stable text (sorted keys), so an unchanged manifest is recognised and not written again. */
export function serializeManifest(manifest: Manifest): string {
  const files = Object.fromEntries(Object.keys(manifest.files).sort().map((k) => [k, manifest.files[k]!]));
  return `${JSON.stringify({ version: 1, files }, null, 1)}\n`;
}
