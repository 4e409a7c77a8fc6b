/**
 * The site's Content-Security-Policy. Static hosts cannot send headers, so the page carries it in a <meta> tag
 * (added at build time); servers that can (vite preview here) also send it as a header, which reaches the training
 * worker too — a <meta> tag governs only its page, and a worker's policy comes with the worker's own response.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

const policy = (directives: Record<string, readonly string[]>) =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');

const COMMON = {
  'default-src': ["'self'"],
  // Only the site's own styles; React and Recharts set styles through the CSSOM, which style-src does not govern.
  'style-src': ["'self'"],
  // The favicon is a data: URL; canvases are read back, never loaded from elsewhere.
  'img-src': ["'self'", 'data:'],
  // MNIST, the wasm binaries and the shipped model are fetched from the site itself; nothing else is contacted.
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
} as const;

/** The page's policy: it runs only its own bundle and starts only its own workers (the training worker, sw.js). */
export const PAGE_POLICY = policy({ ...COMMON, 'script-src': ["'self'"], 'worker-src': ["'self'"] });

/**
 * The policy as a header, for the page and for the training worker. The worker needs, and only it:
 * - 'wasm-unsafe-eval': compiling tfjs' WebAssembly (no JavaScript eval is allowed);
 * - blob: in script-src and worker-src: tfjs' threaded wasm starts its pthread workers from a Blob of its own factory
 *   code and loads it with importScripts.
 * On the page the <meta> policy applies as well, and the stricter of the two wins.
 */
export const SERVER_POLICY = policy({
  ...COMMON,
  'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  // Embedding is the point (?embed=…, README "Embedding"): any page may frame the playground. Stated, not left to the
  // default, so a host's stricter header is a visible choice; a <meta> policy cannot carry it, so only the header does.
  'frame-ancestors': ['*'],
});

/** The line in public/sw.js the build fills in: in dev the service worker sends no policy, as Vite's server sends none. */
export const SW_POLICY_PLACEHOLDER = 'const CONTENT_SECURITY_POLICY = null;';

/**
 * Puts PAGE_POLICY in the built index.html (not in dev, where Vite's React refresh needs an inline script), and
 * SERVER_POLICY in the built sw.js, which adds it to every response it serves: on a static host that sends no headers,
 * the training worker is locked down too from the second visit on.
 */
export function contentSecurityPolicy(): Plugin {
  let outDir = '';
  return {
    name: 'convnet-playground-csp',
    apply: 'build',
    configResolved: (config) => {
      outDir = resolve(config.root, config.build.outDir);
    },
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: PAGE_POLICY }, injectTo: 'head-prepend' }],
    closeBundle: () => {
      const worker = join(outDir, 'sw.js');
      const source = readFileSync(worker, 'utf8');
      if (!source.includes(SW_POLICY_PLACEHOLDER)) throw new Error(`${worker} lacks the line "${SW_POLICY_PLACEHOLDER}" the build fills in.`);
      writeFileSync(worker, source.replace(SW_POLICY_PLACEHOLDER, `const CONTENT_SECURITY_POLICY = ${JSON.stringify(SERVER_POLICY)};`));
    },
  };
}
