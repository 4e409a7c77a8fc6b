import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesBelow(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * Writes precache.json beside the build: every file the app needs offline (its bundles and public/, MNIST
 * included), relative to the site's root, and a version that changes whenever any of them does.
 */
export function precacheManifest(publicDir: string): Plugin {
  return {
    name: 'convnet-playground-precache',
    apply: 'build',
    generateBundle(_options, bundle) {
      const publicFiles = filesBelow(publicDir)
        .map((file) => relative(publicDir, file).split('\\').join('/'))
        // Fashion-MNIST (30 MB) is fetched only when chosen; the service worker keeps it from then on.
        .filter((file) => file !== 'sw.js' && !file.endsWith('.md') && !file.startsWith('fashion-mnist/'));
      const files = ['./', ...Object.keys(bundle), ...publicFiles].sort();
      // Bundle names carry content hashes; MNIST's manifest carries the data's hashes.
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: `${JSON.stringify({ version, files }, null, 2)}\n` });
    },
  };
}
