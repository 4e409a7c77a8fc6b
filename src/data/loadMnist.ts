/** Room src/data/: bytes → typed arrays (IDX files, the MNIST manifest, batching, digit preprocessing). No tfjs, nothing of ours. This file: the verified MNIST loader. */
import type { ImageLayout } from './batching.ts';
import { parseIdx } from './idx.ts';
import { checkManifest, MNIST_FILES, type ManifestEntry, type MnistFileInfo, type MnistPart } from './manifest.ts';

export interface MnistDataset {
  /** 28×28 greyscale images, one byte a pixel, row-major, image after image. */
  readonly trainImages: Uint8Array;
  readonly trainLabels: Uint8Array;
  readonly testImages: Uint8Array;
  readonly testLabels: Uint8Array;
  /** Images other than 28×28×1 in 10 classes (the person's own) say so; absent: MNIST's layout. */
  readonly layout?: ImageLayout;
}

export type MnistLoad = { readonly ok: true; readonly dataset: MnistDataset } | { readonly ok: false; readonly message: string };

export interface LoadProgress {
  readonly loadedBytes: number;
  readonly totalBytes: number;
}

async function sha256Hex(bytes: Uint8Array): Promise<string | null> {
  // crypto.subtle exists only in secure contexts (https, localhost); elsewhere the size and IDX checks remain.
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function readAll(stream: ReadableStream<Uint8Array>, onBytes: (n: number) => void): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
    onBytes(value.length);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw new Error('is corrupt (it does not decompress)', { cause: error });
  }
}

async function loadPart(baseUrl: string, entry: ManifestEntry, onBytes: (n: number) => void, signal: AbortSignal, cache: RequestCache, title: string): Promise<Uint8Array> {
  const response = await fetch(new URL(entry.path, baseUrl), { signal, cache });
  if (!response.ok || !response.body) throw new Error(`could not be downloaded (HTTP ${response.status})`);
  const body = await readAll(response.body, onBytes);
  // A server may already have undone the gzip (Content-Encoding): then the body is the raw IDX file.
  const raw = isGzip(body) ? await gunzip(body) : body;
  if (raw.length < entry.rawBytes) throw new Error(`is truncated: ${raw.length} of ${entry.rawBytes} bytes`);
  if (raw.length > entry.rawBytes) throw new Error(`is longer than the ${entry.rawBytes} bytes expected`);
  const hash = await sha256Hex(raw);
  if (hash !== null && hash !== entry.sha256) throw new Error(`is corrupt (its SHA-256 is not ${title}’s)`);
  const parsed = parseIdx(raw);
  if (!parsed.ok) throw new Error(`is corrupt (${parsed.message})`);
  if (parsed.value.shape.join() !== entry.shape.join()) throw new Error(`has shape ${parsed.value.shape.join('×')}, expected ${entry.shape.join('×')}`);
  return parsed.value.data;
}

export interface LoadOptions {
  /** A retry asks past every cache (the offline cache included), in case it holds a bad copy. */
  readonly reload?: boolean;
  /** The files the manifest must list (MNIST's unless told), and the dataset's name in messages. */
  readonly files?: readonly MnistFileInfo[];
  readonly title?: string;
  /** Aborts the downloads (another dataset was chosen): the answer is then that it was cancelled, and no progress follows. */
  readonly signal?: AbortSignal;
}

/**
 * Fetches manifest.json and the four gzipped IDX files below `baseUrl`, and checks every byte.
 * Never throws: any failure becomes a message naming the file and what is wrong with it.
 */
export async function loadMnist(
  baseUrl: string,
  onProgress?: (progress: LoadProgress) => void,
  { reload = false, files = MNIST_FILES, title = 'MNIST', signal }: LoadOptions = {},
): Promise<MnistLoad> {
  const cache: RequestCache = reload ? 'reload' : 'default';
  const cancelled: MnistLoad = { ok: false, message: `${title} download was cancelled.` };
  if (signal?.aborted) return cancelled;
  let entries: readonly ManifestEntry[];
  try {
    const response = await fetch(new URL('manifest.json', baseUrl), { cache, signal });
    if (!response.ok) return { ok: false, message: `${title} manifest could not be downloaded (HTTP ${response.status}).` };
    const checked = checkManifest(await response.json(), files);
    if (!checked.ok) return { ok: false, message: `${title} data is unusable: ${checked.message}.` };
    entries = checked.manifest.files;
  } catch {
    if (signal?.aborted) return cancelled;
    return { ok: false, message: `${title} manifest could not be read: the server is unreachable or the file is not JSON.` };
  }
  if (signal?.aborted) return cancelled;

  const totalBytes = entries.reduce((sum, e) => sum + e.gzipBytes, 0);
  let loadedBytes = 0;
  const parts = new Map<MnistPart, Uint8Array>();
  // The first failure cancels the other downloads, so no progress follows the error; so does the caller's abort.
  const abort = new AbortController();
  const abortAll = () => abort.abort();
  signal?.addEventListener('abort', abortAll);
  try {
    await Promise.all(
      entries.map(async (entry) => {
        try {
          const onBytes = (n: number) => {
            loadedBytes += n;
            if (!abort.signal.aborted) onProgress?.({ loadedBytes, totalBytes });
          };
          parts.set(entry.part, await loadPart(baseUrl, entry, onBytes, abort.signal, cache, title));
        } catch (error) {
          if (abort.signal.aborted) throw error;
          abort.abort();
          throw new Error(`${title} file ${entry.path} ${error instanceof Error ? error.message : 'failed'}.`, { cause: error });
        }
      }),
    );
  } catch (error) {
    if (signal?.aborted) return cancelled;
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    signal?.removeEventListener('abort', abortAll);
  }
  if (signal?.aborted) return cancelled;
  const get = (part: MnistPart): Uint8Array => parts.get(part) ?? new Uint8Array();
  return {
    ok: true,
    dataset: {
      trainImages: get('trainImages'),
      trainLabels: get('trainLabels'),
      testImages: get('testImages'),
      testLabels: get('testLabels'),
    },
  };
}
