import { entry } from './entry.ts';

/**
 * Probe series (src/content/probes.ts): one file per component under the probes folder, one JSON
 * object per line, appended by a probe. Each bad line is reported at its own line. Beside them,
 * alerts.json holds the alerts firing now (src/content/firing.ts).
 */

export const PROBE_EXAMPLE = '{"at": "2026-11-20T14:05:00Z", "ok": true, "ms": 182}';

export const PROBES = {
  /** `what`: what is wrong with the line, like `"ms" must be a number — got "fast"`. */
  probeLine: entry('probe-line', (what: string) => ({
    message: `this probe line is not valid: ${what}`,
    hint: `write one JSON object per line, like  ${PROBE_EXAMPLE}  ("error": "…" may follow when ok is false)`,
  })),
  probeFileName: entry('probe-file-name', (name: string, known: readonly string[]) => ({
    message: `the probe file "${name}" is not named after a component`,
    hint: `name it <component id>.jsonl, with an id from the site file: ${known.join(', ')}`,
  })),
  /** The firing alerts beside the probes (alerts.json); its other mistakes are worded by the schema entries. */
  firingNotJson: entry('firing-not-json', (reason: string) => ({
    message: `the firing alerts file is not JSON: ${reason}`,
    hint: 'write it as  {"firing": [{"key": "…", "component": "api", "summary": "…", "since": "2026-11-20T14:05:00Z"}]}, or let  markdown-status alert --record  write it',
  })),
  /** In the site file: a component's `probe:` names no kind, or more than one. `written`: its keys, or the value. */
  probeKind: entry('probe-kind', (where: string, written: string) => ({
    message: `${where} must name what to check with exactly one of http:, tcp: or tls: — it has ${written}`,
    hint: 'write one of  probe: { http: https://example.com/health }  probe: { tcp: db.example.com:5432 }  probe: { tls: example.com:443 }',
  })),
} as const;
