// Types for scripts/build-server.mjs (plain JavaScript: it runs before anything is compiled).
export declare const defaultOutDir: string;
export declare function entryOf(outDir?: string): string;
export declare function isServerBuildCurrent(outDir?: string): boolean;
export declare function ensureServerBuild(options?: { force?: boolean; quiet?: boolean; outDir?: string }): Promise<boolean>;
