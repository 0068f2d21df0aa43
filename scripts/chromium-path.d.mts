/** Debian's chromium package (`apt-get install chromium`). */
export declare const SYSTEM_CHROMIUM: string;
/** Path of Playwright's own Chromium (`npx playwright install chromium`) if it is installed, else null. */
export declare function playwrightChromiumPath(): string | null;
/** Path of a Chromium usable by Playwright (Playwright's own first, then Debian's), or null. */
export declare function findChromium(): string | null;
/** `launchOptions.executablePath`: undefined when Playwright's own browser is used or none is found. */
export declare function chromiumExecutablePath(): string | undefined;
