/** Types of ensure-chromium.mjs for the TypeScript tests that import it. */
export declare const CANDIDATES: string[];
export declare function findChromium(): string | undefined;
export declare function ensureChromium(): string;
