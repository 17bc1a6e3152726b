/**
 * What the shared content checks say: each problem's message and hint together, so incident and
 * maintenance files get the same words for the same mistake, and a wording changes in one place.
 */

/** The kind of file a check is reading, as its messages name it. */
export type FileKind = 'incident' | 'maintenance';

/** The last status a file's updates may have, and what to do about an update after it. */
const FINAL: Record<FileKind, { status: string; fix: string }> = {
  incident: { status: 'resolved', fix: 'remove it, or change the resolved update below it to monitoring' },
  maintenance: { status: 'completed', fix: 'remove it, or change the completed update below it' },
};

export const finalStatus = (kind: FileKind) => FINAL[kind].status;

export const PROBLEMS = {
  unknownComponent: (id: string, guess: string | undefined, known: readonly string[]) => ({
    message: `unknown component "${id}"`,
    hint: guess ? `did you mean "${guess}"?` : `use an id from the site file: ${known.join(', ')}`,
  }),
  duplicateId: (kind: FileKind, id: string, first: string) => ({
    message: `${kind} id "${id}" is already used by ${first}`,
    hint: 'give one of them a different file name (or `id:`); never change an id once published',
  }),
  fileNameNotId: (fileName: string, suggestion: string) => ({
    message: `the file name "${fileName}" cannot be used in the page address`,
    hint: `rename it to ${suggestion || 'YYYY-MM-DD-short-title'}.md (lowercase letters, digits and dashes)`,
  }),
  reservedId: (kind: FileKind, id: string, use: string) => ({
    message: `"${id}" cannot be ${kind === 'incident' ? 'an' : 'a'} ${kind} id: ${use}`,
    hint: 'rename the file, or set another `id:`',
  }),
  updateNotLater: () => ({
    message: 'this update is not later than the one below it (updates are listed newest first)',
    hint: 'put the newest update at the top of the list and check the times',
  }),
  updateAfterFinal: (kind: FileKind) => ({
    message: `this update comes after the ${kind} was ${FINAL[kind].status}`,
    hint: FINAL[kind].fix,
  }),
} as const;
