/**
 * The status embed's styles, in its shadow root: the status page's own colours; px rather than
 * rem, as the host's root size is unknown. Nothing of the host page's styles is inherited into
 * the card (important wins from inside).
 */
export const EMBED_STYLE = `
:host { all: initial !important; }
.card { --fg: #1b1f24; --muted: #57606a; --bg: #fff; --line: #d8dee4; --link: #0b5cad; --accent: #57606a;
  position: fixed; z-index: 2147483000; box-sizing: border-box; margin: 0;
  bottom: max(16px, env(safe-area-inset-bottom)); right: max(16px, env(safe-area-inset-right));
  width: calc(100vw - 32px - env(safe-area-inset-left) - env(safe-area-inset-right)); max-width: 360px;
  padding-block: 12px; padding-inline: 16px 48px; color: var(--fg); background: var(--bg);
  border: 1px solid var(--line); border-inline-start: 4px solid var(--accent); border-radius: 8px;
  box-shadow: 0 6px 24px rgb(0 0 0 / .18); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  text-align: start; overflow-wrap: anywhere; }
.card.left { right: auto; left: max(16px, env(safe-area-inset-left)); }
.impact-minor { --accent: #8a5a00; } .impact-major { --accent: #b3440a; } .impact-critical { --accent: #c21d1d; } .impact-maintenance { --accent: #1c5fb0; }
p { margin: 0; } .heading, .meta { color: var(--muted); font-size: 13px; } .title { font-weight: 600; margin-block: 2px; } .more { margin-top: 4px; }
a { color: var(--link); text-decoration: underline; text-underline-offset: 2px; } .title a { color: var(--fg); }
.close { position: absolute; top: 6px; inset-inline-end: 6px; width: 36px; height: 36px; margin: 0; padding: 0; border: 0;
  border-radius: 6px; background: transparent; color: var(--muted); font: 22px/1 system-ui, sans-serif; cursor: pointer; }
.close:hover { background: rgb(127 127 127 / .18); color: var(--fg); }
a:focus-visible, .close:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; border-radius: 4px; }
@media (prefers-color-scheme: dark) { .card { --fg: #e6edf3; --muted: #9aa5b1; --bg: #161b22; --line: #30363d; --link: #6cb6ff; }
  .impact-minor { --accent: #e3b341; } .impact-major { --accent: #f0883e; } .impact-critical { --accent: #ff7b72; } .impact-maintenance { --accent: #79b8ff; } }
@media (prefers-reduced-motion: no-preference) { .card { animation: enter .2s ease-out; } }
@keyframes enter { from { opacity: 0; transform: translateY(8px); } }
@media (forced-colors: active) { .card { border-color: CanvasText; } }
`;
