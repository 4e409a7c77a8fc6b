/**
 * npm test's first step: the end-to-end tests need a Chromium. Finds one, or installs Debian's when it can (Debian, as
 * root), or stops at once with one line saying which command to run — never a wall of failed tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DEBIAN_CHROMIUM, planChromium, type ChromiumSearch } from '../e2e/support/findChromium.ts';

// Playwright takes half a second to import: only when neither $CHROMIUM_PATH nor Debian's Chromium is there.
const { chromium } = process.env.CHROMIUM_PATH || existsSync(DEBIAN_CHROMIUM) ? { chromium: null } : await import('@playwright/test');

const search = (): ChromiumSearch => ({
  envPath: process.env.CHROMIUM_PATH,
  playwrightPath: () => chromium?.executablePath() ?? '',
  exists: existsSync,
  isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  hasApt: existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version'),
});

function installWithApt(): boolean {
  console.log("ensure-chromium: no Chromium found; installing Debian's (apt-get install chromium)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  return run(['update', '-q']) && run(['install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-dejavu-core']);
}

let plan = planChromium(search());
if (plan.kind === 'install-with-apt') {
  if (!installWithApt()) {
    console.error('ensure-chromium: apt-get could not install chromium: run `apt-get install chromium` yourself, then npm test again.');
    process.exit(1);
  }
  plan = planChromium(search());
}
if (plan.kind !== 'found') {
  console.error(plan.kind === 'missing' ? plan.instruction : 'ensure-chromium: Chromium is still missing after apt-get install chromium.');
  process.exit(1);
}
