import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEBIAN_CHROMIUM, planChromium, type ChromiumSearch } from '../e2e/support/findChromium.ts';

const PLAYWRIGHT = '/home/me/.cache/ms-playwright/chromium-1/chrome';
const search = (present: readonly string[], over: Partial<ChromiumSearch> = {}): ChromiumSearch => ({
  envPath: undefined,
  playwrightPath: () => PLAYWRIGHT,
  exists: (path) => present.includes(path),
  isRoot: false,
  hasApt: false,
  ...over,
});

describe('planChromium', () => {
  it('takes $CHROMIUM_PATH first, then Debian’s, then Playwright’s own', () => {
    expect(planChromium(search(['/opt/c', DEBIAN_CHROMIUM], { envPath: '/opt/c' }))).toMatchObject({ kind: 'found', path: '/opt/c' });
    expect(planChromium(search([DEBIAN_CHROMIUM, PLAYWRIGHT]))).toMatchObject({ kind: 'found', path: DEBIAN_CHROMIUM });
    expect(planChromium(search([PLAYWRIGHT]))).toEqual({ kind: 'found', path: undefined, source: "Playwright's Chromium" });
  });

  it('installs Debian’s Chromium when it can (Debian, as root), and otherwise names the one command to run', () => {
    expect(planChromium(search([], { hasApt: true, isRoot: true }))).toEqual({ kind: 'install-with-apt' });
    expect(planChromium(search([], { hasApt: true }))).toMatchObject({ kind: 'missing', instruction: expect.stringContaining('`sudo apt-get install chromium`') });
    expect(planChromium(search([]))).toMatchObject({ kind: 'missing', instruction: expect.stringContaining('`npx playwright install chromium`') });
  });

  it('says so when $CHROMIUM_PATH points nowhere, rather than trying another browser', () => {
    expect(planChromium(search([DEBIAN_CHROMIUM], { envPath: '/nowhere/chrome', isRoot: true, hasApt: true }))).toEqual({
      kind: 'missing',
      instruction: 'CHROMIUM_PATH is /nowhere/chrome, which does not exist: point it at a Chromium binary, or unset it.',
    });
  });
});

describe('npm test’s first step (scripts/ensure-chromium.ts)', () => {
  it('stops within seconds with one line when there is no Chromium to use', () => {
    const started = Date.now();
    const run = spawnSync('npx', ['tsx', 'scripts/ensure-chromium.ts'], {
      env: { ...process.env, CHROMIUM_PATH: '/nowhere/chrome' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual(['CHROMIUM_PATH is /nowhere/chrome, which does not exist: point it at a Chromium binary, or unset it.']);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
