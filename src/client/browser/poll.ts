/// <reference lib="dom" />

/**
 * Re-reading a JSON file, as the home page and the status embed do with the API summary: every
 * `every` ms while the page is visible; while it is hidden or the file cannot be read, less and
 * less often, up to MAX_DELAY. A tab shown again reads at once if a read is due.
 */

const MAX_DELAY = 15 * 60 * 1000;

export interface PollOptions<T> {
  url: string;
  every: number;
  /** Read at once (the embed, which shows nothing until it has read), or first after `every` (the page, which is as built). */
  now: boolean;
  /** Handles one answer; a throw counts as a failed read. */
  onData(data: T): void;
}

export function poll<T>({ url, every, now, onData }: PollOptions<T>): void {
  let delay = every;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = now ? 0 : Date.now();
  const slower = () => (delay = Math.min(delay * 2, MAX_DELAY));
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(read, delay);
  };
  function read() {
    // Nobody is looking: ask less and less often until the tab is visible again.
    if (document.hidden) return void (slower(), schedule());
    last = Date.now();
    fetch(url, { cache: 'no-store', credentials: 'omit', headers: { accept: 'application/json' } })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json() as Promise<T>;
      })
      .then((data) => {
        onData(data);
        delay = every;
      })
      // Offline, mid-deploy or an unexpected answer: keep what is shown and try again later.
      .catch(slower)
      .then(schedule);
  }
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) return;
    delay = every;
    if (Date.now() - last >= every) read();
    else schedule();
  });
  if (now) read();
  else schedule();
}
