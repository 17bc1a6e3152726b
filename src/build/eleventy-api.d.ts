// The parts of Eleventy's programmatic API the build and the server use (the package ships no types).
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(
      input?: string,
      output?: string,
      options?: { configPath?: string | false; quietMode?: boolean; pathPrefix?: string; runMode?: 'build' | 'watch' | 'serve'; config?: (eleventyConfig: unknown) => void },
    );
    setIsVerbose?(verbose: boolean): void;
    init(): Promise<void>;
    write(): Promise<unknown>;
    watch(): Promise<void>;
    serve(port?: number): void;
  }
}
