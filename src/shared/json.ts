import type { z } from 'zod';

/** A file of ours read back: its JSON checked against the schema it was written with; undefined when it is not that. */
export function parseJson<S extends z.ZodType>(schema: S, text: string): z.infer<S> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
