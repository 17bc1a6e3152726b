import { entry, guessOr } from './entry.ts';

/**
 * Incident and maintenance files past their schema: the checks every kind shares
 * (src/content/checks.ts), so each kind gets the same words for the same mistake, with `kind`
 * naming one file of it as its descriptor does (src/content/kinds.ts); then each kind's own
 * (src/content/incidents.ts, src/content/maintenance.ts).
 */

export const ENTRIES = {
  /** `where`: set when the id is named outside an incident or maintenance, like `notifications.slack[1].components`. */
  unknownComponent: entry('unknown-component', (id: string, guess: string | undefined, known: readonly string[], where?: string) => ({
    message: `unknown component "${id}"${where ? ` in ${where}` : ''}`,
    hint: guessOr(guess, `use an id from the site file: ${known.join(', ')}`),
  })),
  duplicateId: entry('duplicate-id', (kind: string, id: string, first: string) => ({
    message: `${kind} id "${id}" is already used by ${first}`,
    hint: 'give one of them a different file name (or `id:`); never change an id once published',
  })),
  fileNameNotId: entry('file-name-not-id', (fileName: string, suggestion: string) => ({
    message: `the file name "${fileName}" cannot be used in the page address`,
    hint: `rename it to ${suggestion || 'YYYY-MM-DD-short-title'}.md (lowercase letters, digits and dashes)`,
  })),
  reservedId: entry('reserved-id', (kind: string, id: string, use: string) => ({
    message: `"${id}" cannot be ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} id: ${use}`,
    hint: 'rename the file, or set another `id:`',
  })),
  updateNotLater: entry('update-not-later', () => ({
    message: 'this update is not later than the one below it (updates are listed newest first)',
    hint: 'put the newest update at the top of the list and check the times',
  })),
  /** `final`: the kind's last status, and what to do about an update after it. */
  updateAfterFinal: entry('update-after-final', (kind: string, final: { status: string; fix: string }) => ({
    message: `this update comes after the ${kind} was ${final.status}`,
    hint: final.fix,
  })),

  /* Incidents */
  postmortemWithoutTime: entry('postmortem-without-time', () => ({
    message: 'the file has a postmortem (text after the front matter) but no postmortem_at',
    hint: 'add a line like  postmortem_at: 2026-11-22 10:00  to the front matter',
  })),
  postmortemTimeWithoutText: entry('postmortem-time-without-text', () => ({
    message: 'postmortem_at is set but the file has no postmortem text',
    hint: 'write the postmortem after the closing --- line, or remove postmortem_at',
  })),

  /* Maintenance */
  windowEndsFirst: entry('window-ends-first', () => ({
    message: 'scheduled_until is not later than scheduled_for',
    hint: 'the window ends at scheduled_until; check both times',
  })),
  scheduledAfterStart: entry('scheduled-after-start', () => ({
    message: 'a scheduled update must come before the maintenance starts',
    hint: 'to move the window, change scheduled_for and scheduled_until instead',
  })),
  updateAfterWindow: entry('update-after-window', (status: string) => ({
    message: `this ${status} update is after scheduled_until, when the maintenance completes by itself`,
    hint: 'to extend the window, change scheduled_until; after it, only a completed update can be added',
  })),
  maintenanceComponents: entry('maintenance-components', () => ({
    message: 'components must be a list of component ids or a map of ids to under_maintenance',
    hint: 'write it like  components: [web-apps, api]',
  })),
  componentsInUpdate: entry('components-in-update', (where: string) => ({
    message: `unknown key "components" in ${where}`,
    hint: 'list the components once, at the top: they are under maintenance for the whole window',
  })),
} as const;
