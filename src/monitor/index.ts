/** Monitoring: the site file's probes run against the components, their results kept as series. */
export { checkHttp, checkTcp, checkTls, hostPort, type CheckContext, type CheckResult } from './checks.ts';
export { DEFAULT_CONCURRENCY, DEFAULT_DEADLINE_MS, probedComponents, probeTarget, runProbes, type ProbeResult, type RunOptions } from './run.ts';
export { appendSeries, fetchSeries, nextSeries, PROBES_FOLDER, probeLine, recordToBranch, recordToFolder, SERIES_DAYS } from './series.ts';
