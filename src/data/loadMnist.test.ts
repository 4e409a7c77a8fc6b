import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeIdx } from './idx.ts';
import { loadMnist } from './loadMnist.ts';
import { checkManifest, MNIST_FILES, type ManifestEntry } from './manifest.ts';

/**
 * Small IDX stand-ins for the four files. The loader checks SHA-256 against MNIST's published hashes, so for the
 * happy path those hashes are swapped for the stand-ins' own through a manifest that lists them.
 */
function fakeFiles(): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const file of MNIST_FILES) {
    const shape = [3, ...file.shape.slice(1)];
    const data = new Uint8Array(shape.reduce((a, b) => a * b, 1)).map((_, i) => i % 256);
    files.set(file.part, encodeIdx(shape, data));
  }
  return files;
}

function serve(routes: Record<string, Uint8Array | string | number>) {
  vi.stubGlobal('fetch', async (input: URL | string) => {
    const path = new URL(String(input)).pathname.split('/').pop() ?? '';
    const body = routes[path];
    if (body === undefined || typeof body === 'number') return new Response('missing', { status: typeof body === 'number' ? body : 404 });
    return new Response(body as BodyInit);
  });
}

const BASE = 'http://localhost/mnist/';

function manifestFor(raw: Map<string, Uint8Array>, mutate: (e: ManifestEntry) => ManifestEntry = (e) => e) {
  return JSON.stringify({
    format: 'idx-gzip',
    files: MNIST_FILES.map((file) => {
      const bytes = raw.get(file.part) ?? new Uint8Array();
      return mutate({
        part: file.part,
        path: `${file.rawName}.gz.bin`,
        sha256: file.sha256,
        rawBytes: bytes.length,
        gzipBytes: gzipSync(bytes).length,
        shape: file.shape,
      });
    }),
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('loadMnist', () => {
  it('names the file whose SHA-256 is not MNIST’s', async () => {
    const raw = fakeFiles();
    const routes: Record<string, Uint8Array | string> = { 'manifest.json': manifestFor(raw) };
    for (const file of MNIST_FILES) routes[`${file.rawName}.gz.bin`] = gzipSync(raw.get(file.part) ?? new Uint8Array());
    serve(routes);
    const result = await loadMnist(BASE);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^MNIST file .*-ubyte\.gz\.bin is corrupt \(its SHA-256 is not MNIST’s\)\.$/);
  });

  it('reports a truncated gzip file', async () => {
    const raw = fakeFiles();
    const routes: Record<string, Uint8Array | string> = { 'manifest.json': manifestFor(raw) };
    for (const file of MNIST_FILES) {
      const gz = gzipSync(raw.get(file.part) ?? new Uint8Array());
      routes[`${file.rawName}.gz.bin`] = file.part === 'trainLabels' ? gz.subarray(0, gz.length - 12) : gz;
    }
    serve(routes);
    const result = await loadMnist(BASE);
    expect(!result.ok && result.message).toMatch(/train-labels-idx1-ubyte\.gz\.bin is (truncated|corrupt)/);
  });

  it('reports bytes that are not gzip at all', async () => {
    const raw = fakeFiles();
    const routes: Record<string, Uint8Array | string> = { 'manifest.json': manifestFor(raw) };
    for (const file of MNIST_FILES) routes[`${file.rawName}.gz.bin`] = gzipSync(raw.get(file.part) ?? new Uint8Array());
    routes['t10k-images-idx3-ubyte.gz.bin'] = Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    serve(routes);
    const result = await loadMnist(BASE);
    expect(!result.ok && result.message).toBe('MNIST file t10k-images-idx3-ubyte.gz.bin is corrupt (it does not decompress).');
  });

  it('accepts a body the server already unzipped (Content-Encoding), checking it all the same', async () => {
    const raw = fakeFiles();
    const routes: Record<string, Uint8Array | string> = { 'manifest.json': manifestFor(raw) };
    for (const file of MNIST_FILES) routes[`${file.rawName}.gz.bin`] = raw.get(file.part) ?? new Uint8Array();
    routes['t10k-labels-idx1-ubyte.gz.bin'] = new Uint8Array(5);
    serve(routes);
    const result = await loadMnist(BASE);
    expect(!result.ok && result.message).toMatch(/^MNIST file (t10k-labels-idx1-ubyte\.gz\.bin is truncated: 5 of \d+ bytes|.* is corrupt \(its SHA-256 is not MNIST’s\))\.$/);
  });

  it('reports a missing file with its HTTP status', async () => {
    const raw = fakeFiles();
    serve({ 'manifest.json': manifestFor(raw) });
    const result = await loadMnist(BASE);
    expect(!result.ok && result.message).toMatch(/could not be downloaded \(HTTP 404\)/);
  });

  it('asks past every cache on a retry, so a bad cached copy cannot come back', async () => {
    const modes: (RequestCache | undefined)[] = [];
    vi.stubGlobal('fetch', async (_input: URL | string, init?: RequestInit) => {
      modes.push(init?.cache);
      return new Response('missing', { status: 404 });
    });
    await loadMnist(BASE, undefined, { reload: true });
    await loadMnist(BASE);
    expect(modes).toEqual(['reload', 'default']);
  });

  // A download the abort does not reach never ends: fail in seconds rather than at the suite's minute.
  it("stops every download when the caller aborts: no progress after it, and the answer says it was cancelled", { timeout: 10_000 }, async () => {
    const raw = fakeFiles();
    const signals: AbortSignal[] = [];
    // Each file sends its first 10 bytes, then waits for more until its request is aborted.
    vi.stubGlobal('fetch', async (input: URL | string, init?: RequestInit) => {
      const path = new URL(String(input)).pathname.split('/').pop() ?? '';
      if (path === 'manifest.json') return new Response(manifestFor(raw));
      const signal = init?.signal;
      if (!signal) throw new Error('every file is fetched with a signal');
      signals.push(signal);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(10));
          signal.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body);
    });
    const choice = new AbortController();
    const progress: number[] = [];
    const loading = loadMnist(BASE, ({ loadedBytes }) => {
      progress.push(loadedBytes);
      if (progress.length === 2) choice.abort();
    }, { signal: choice.signal });
    expect(await loading).toEqual({ ok: false, message: 'MNIST download was cancelled.' });
    expect(signals).toHaveLength(4);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(progress).toEqual([10, 20]);
  });

  it('fetches nothing when aborted before it starts', async () => {
    const fetched = vi.fn(async () => new Response('{}'));
    vi.stubGlobal('fetch', fetched);
    const choice = new AbortController();
    choice.abort();
    expect(await loadMnist(BASE, undefined, { signal: choice.signal, title: 'Fashion-MNIST' })).toEqual({ ok: false, message: 'Fashion-MNIST download was cancelled.' });
    expect(fetched).not.toHaveBeenCalled();
  });

  it('reports a missing or malformed manifest', async () => {
    serve({});
    expect(await loadMnist(BASE)).toEqual({ ok: false, message: 'MNIST manifest could not be downloaded (HTTP 404).' });
    serve({ 'manifest.json': '{"format":' });
    expect(await loadMnist(BASE)).toMatchObject({ ok: false, message: expect.stringContaining('not JSON') });
    serve({ 'manifest.json': manifestFor(fakeFiles(), (e) => ({ ...e, sha256: 'ab'.repeat(32) })) });
    expect(await loadMnist(BASE)).toMatchObject({ ok: false, message: expect.stringContaining('unexpected SHA-256') });
    serve({ 'manifest.json': manifestFor(fakeFiles(), (e) => ({ ...e, path: '../../etc/passwd' })) });
    expect(await loadMnist(BASE)).toMatchObject({ ok: false, message: expect.stringContaining('bad path') });
  });
});

// Each found by fuzzing (manifest.fuzz.test.ts): the nested shape threw a RangeError; the others were accepted.
describe('checkManifest refuses', () => {
  let deep: unknown = 60000;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  it.each<[string, Partial<ManifestEntry> | Record<string, unknown>, string]>([
    ['a deeply nested shape, without overflowing the stack', { shape: deep }, 'bad shape for trainImages'],
    ['a shape of strings or lists that joins like the real one', { shape: ['60000', [28], 28] }, 'bad shape for trainImages'],
    ['the path "..", which names the parent folder', { path: '..' }, 'bad path for trainImages'],
    ['the path ".", which names the folder itself', { path: '.' }, 'bad path for trainImages'],
    ['a size of 1e308 bytes', { rawBytes: 1e308 }, 'bad sizes for trainImages'],
    ['a negative size', { gzipBytes: -1 }, 'bad sizes for trainImages'],
    ['a fractional size', { rawBytes: 2.5 }, 'bad sizes for trainImages'],
  ])('%s', (_name, patch, message) => {
    const manifest = JSON.parse(manifestFor(fakeFiles())) as { files: Record<string, unknown>[] };
    manifest.files[0] = { ...manifest.files[0], ...patch };
    expect(checkManifest(manifest)).toEqual({ ok: false, message });
  });
});

describe('loadMnist on the real files', () => {
  it('loads and verifies what prepare-mnist wrote to public/mnist', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    const dir = new URL('../../public/mnist/', import.meta.url);
    if (!existsSync(new URL('manifest.json', dir))) throw new Error('run `npm run prepare-data` first');
    vi.stubGlobal('fetch', async (input: URL | string) => new Response(readFileSync(new URL(new URL(String(input)).pathname.split('/').pop() ?? '', dir))));
    const result = await loadMnist(BASE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.dataset.trainImages.length).toBe(60000 * 784);
    expect(result.dataset.testLabels.length).toBe(10000);
    // The first training digits of MNIST are 5, 0, 4, 1, 9.
    expect(Array.from(result.dataset.trainLabels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
  });
});
