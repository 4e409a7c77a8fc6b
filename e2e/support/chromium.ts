import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium when present (CI and the dev machine), else Playwright's own browser.
 * SwiftShader gives WebGL2 without a GPU, in workers too; as root Chromium needs --no-sandbox.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return {
    executablePath,
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      ...(isRoot ? ['--no-sandbox'] : []),
    ],
  };
}
