// The parts of Eleventy's programmatic API the build uses (the package ships no types).
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(
      input?: string,
      output?: string,
      options?: { configPath?: string | false; quietMode?: boolean; pathPrefix?: string; config?: (eleventyConfig: unknown) => void },
    );
    setIsVerbose?(verbose: boolean): void;
    write(): Promise<unknown>;
  }
}

// The Eleventy glue (.eleventy.js), which the build script calls with the model it made.
declare module '*/.eleventy.js' {
  export function statusSite(eleventyConfig: unknown, build?: { model: unknown; writer: unknown; search: Promise<void> | undefined }): unknown;
}
