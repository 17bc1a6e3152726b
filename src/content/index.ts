/** Content: the site file and the incident and maintenance files, loaded and checked. */
export { BRAND_FILES, brandFilePath, headerTextColour, THEME } from './brand.ts';
export { type Incident, type IncidentCache, type LoadedIncident, type Update } from './incidents.ts';
export { loadContent, probesFolder, type Content, type LoadOptions } from './load.ts';
export { KINDS, type ContentKind, type KindName } from './kinds.ts';
export { findIncidentFile, kindDir, readSite, siteFile } from './locate.ts';
export { maintenanceSchema, type Maintenance, type MaintenanceFrontMatter, type MaintenanceUpdate } from './maintenance.ts';
export { CATALOGUE, FORMATS, PROBLEMS, problemAt, type At, type Entry, type Said } from './problems/index.ts';
export { FIRING_FILE, firingFileSchema, parseFiring, type FiringAlert, type FiringFile } from './firing.ts';
export { PROBE_FILE_EXT, probeLineSchema, type Probe, type ProbeSeries } from './probes.ts';
export * from './schema.ts';
export { DEFAULT_TEMPLATE, fillTemplate, loadTemplate, TEMPLATE_PLACEHOLDERS, templateNames, TEMPLATES_FOLDER, templatesFolder, templateUses, type IncidentTemplate, type TemplateValues } from './templates.ts';
export * from './vocabulary.ts';
export { lineAt, parseYaml, parseYamlDocument, schemaProblems, type YamlSource } from './yaml-source.ts';
