// The parts of Eleventy's programmatic API the build uses (the package ships no types).
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { configPath?: string; quietMode?: boolean });
    setIsVerbose?(verbose: boolean): void;
    write(): Promise<unknown>;
  }
}
