/** Pages rendered outside Eleventy, from the view models. */
export { pageRenderer, type PageRenderer, type RenderOptions } from './pages.ts';
export { ASSETS_DIR, LAYOUTS_DIR, templateEnvironment, templateSearchPath } from './templates.ts';
