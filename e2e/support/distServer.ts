import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const DIST = join(import.meta.dirname, '../../dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

/** What `vite preview` sends (vite.config.ts): cross-origin isolation, for wasm threads. */
export const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** Returns what to serve instead of a file: a status, or other bytes. */
export type Fault = (original: Buffer) => { status: number; body: Buffer | string };

/**
 * Serves the production build (dist/) from loopback, optionally with chosen files broken on purpose.
 * Chromium does not let Playwright's page.route intercept a dedicated worker's fetches, so faults are made here.
 */
export class DistServer {
  private server: Server | null = null;
  readonly faults = new Map<string, Fault>();

  /**
   * `prefix` serves the site from a sub-path, as a static host would at /convnet-playground/. `isolated` adds the
   * cross-origin isolation headers; without them this is a plain static host such as GitHub Pages.
   */
  constructor(
    private readonly prefix = '/',
    private readonly options: { readonly isolated?: boolean } = {},
  ) {}

  async start(): Promise<string> {
    this.server = createServer(async (request, response) => {
      const requested = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
      if (!requested.startsWith(this.prefix)) {
        response.writeHead(404).end('Not found');
        return;
      }
      const path = `/${requested.slice(this.prefix.length)}`.replace(/^(\.\.[/\\])+/, '');
      const file = join(DIST, path.endsWith('/') ? `${path}index.html` : path);
      try {
        const original = await readFile(file);
        const fault = this.faults.get(path);
        const { status, body } = fault ? fault(original) : { status: 200, body: original };
        const isolation = this.options.isolated ? ISOLATION_HEADERS : {};
        response.writeHead(status, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store', ...isolation });
        response.end(body);
      } catch {
        response.writeHead(404).end('Not found');
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${this.prefix}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
