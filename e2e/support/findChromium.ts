/**
 * Which Chromium the end-to-end tests drive, and what to do when there is none: the one decision, shared by the
 * test command's first step (scripts/ensure-chromium.ts) and Playwright's launch options (chromium.ts).
 */
export interface ChromiumSearch {
  /** $CHROMIUM_PATH, when set. */
  readonly envPath: string | undefined;
  /** Where Playwright keeps its own browser (it may not be downloaded); asked only when it matters. */
  readonly playwrightPath: () => string;
  readonly exists: (path: string) => boolean;
  readonly isRoot: boolean;
  /** Debian or a derivative, with apt-get. */
  readonly hasApt: boolean;
}

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export type ChromiumPlan =
  | { readonly kind: 'found'; readonly path: string | undefined; readonly source: string }
  | { readonly kind: 'install-with-apt' }
  | { readonly kind: 'missing'; readonly instruction: string };

export function planChromium({ envPath, playwrightPath, exists, isRoot, hasApt }: ChromiumSearch): ChromiumPlan {
  if (envPath) {
    if (exists(envPath)) return { kind: 'found', path: envPath, source: '$CHROMIUM_PATH' };
    return { kind: 'missing', instruction: `CHROMIUM_PATH is ${envPath}, which does not exist: point it at a Chromium binary, or unset it.` };
  }
  if (exists(DEBIAN_CHROMIUM)) return { kind: 'found', path: DEBIAN_CHROMIUM, source: "Debian's Chromium" };
  // undefined: Playwright launches its own browser.
  if (exists(playwrightPath())) return { kind: 'found', path: undefined, source: "Playwright's Chromium" };
  if (hasApt && isRoot) return { kind: 'install-with-apt' };
  const command = hasApt ? 'sudo apt-get install chromium' : 'npx playwright install chromium';
  return { kind: 'missing', instruction: `No Chromium for the end-to-end tests: run \`${command}\` (or set CHROMIUM_PATH to a Chromium binary), then npm test again.` };
}
