/** View models: what pages print, in the site's language and zone. */
export { affectedSentence, affectedText, type NamedComponent } from './affected.ts';
export type { ComponentPage, ComponentRow, DayView } from './components.ts';
export type { HomeClock, MaintenanceClock } from './clock.ts';
export { stampAt, viewContext, type Stamp, type ViewContext } from './context.ts';
export { COMPACT_HOME_ABOVE, homeIsCompact, type GroupPage, type GroupView } from './groups.ts';
export { HISTORY_PAGE_SIZE, type HistoryPage } from './history.ts';
export * as i18n from './i18n.ts';
export { availableLocales, loadLocale, siteLocale, stampIn, type Locale, type Messages } from './i18n.ts';
export { around, fill, placeholders } from '../shared/placeholders.ts';
export { incidentPage, type IncidentLink, type IncidentPage, type OpenIncident, type UpdateView } from './incident.ts';
export { maintenanceBlock, type MaintenanceBlock } from './maintenance.ts';
export { chartView, metricsView, niceCeiling, stepPath, type ChartView, type MetricsView } from './metrics.ts';
export { clientSettings, embedTexts, type ClientSettings, type EmbedTexts } from './client.ts';
export { bannerKey, isUtcZone, type BrandLinks, type FeedLink, type PageMeta, type TextView } from './meta.ts';
export { SEARCH_DIR, searchShardIds, searchShardOf } from './search-shards.ts';
export { searchablePages, siteView, type SiteView, type ViewOptions } from './site.ts';
export { SUBSCRIBE_URL, subscribeView, type SubscribeLink, type SubscribeView } from './subscribe.ts';
export * from './urls.ts';
