/**
 * The WebGPU adapter the browser offers, looked at before tfjs-backend-webgpu is loaded: its bundle is fetched only for
 * an adapter worth measuring. Chromium without a GPU offers none, or (with --enable-unsafe-webgpu) SwiftShader's, which
 * reports itself as { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } (Chromium 156, here).
 */

/** The part of GPUAdapterInfo we read; older browsers put isFallbackAdapter on the adapter itself. */
export interface GpuAdapterFacts {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}

export type WebGpuAdapterVerdict =
  | { readonly kind: 'none'; readonly reason: string }
  | { readonly kind: 'software'; readonly name: string }
  | { readonly kind: 'hardware'; readonly name: string };

const SOFTWARE_ADAPTERS = /swiftshader|llvmpipe|lavapipe|softpipe|warp|basic render driver|software/i;

/** The adapter's name as a person would recognise it: the description, else vendor and architecture. */
function adapterName(info: GpuAdapterFacts): string {
  const description = info.description?.trim();
  if (description) return description;
  const parts = [info.architecture, info.vendor].map((part) => part?.trim()).filter((part): part is string => Boolean(part));
  if (parts.length === 0) return 'unnamed adapter';
  const [architecture, vendor] = parts;
  return vendor ? `${architecture} (${vendor})` : architecture!;
}

/** A fallback adapter, or one whose name is a CPU renderer's, runs WebGPU on the CPU: slower than wasm there. */
export function judgeWebGpuAdapter(info: GpuAdapterFacts | null, isFallbackAdapter = false): WebGpuAdapterVerdict {
  if (info === null) return { kind: 'none', reason: 'no WebGPU adapter' };
  const name = adapterName(info);
  const software = isFallbackAdapter || info.isFallbackAdapter === true ||
    [info.architecture, info.description, info.device, info.vendor].some((part) => part !== undefined && SOFTWARE_ADAPTERS.test(part));
  if (!software) return { kind: 'hardware', name };
  const known = `${info.architecture ?? ''} ${info.description ?? ''}`.match(/swiftshader|llvmpipe|lavapipe|softpipe|warp/i);
  return { kind: 'software', name: known ? knownName(known[0]) : name };
}

const KNOWN_NAMES: Readonly<Record<string, string>> = { swiftshader: 'SwiftShader', llvmpipe: 'llvmpipe', lavapipe: 'lavapipe', softpipe: 'softpipe', warp: 'WARP' };
const knownName = (match: string) => KNOWN_NAMES[match.toLowerCase()] ?? match;

interface GpuAdapterLike {
  readonly info?: GpuAdapterFacts;
  readonly isFallbackAdapter?: boolean;
}

interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
}

/** Asks the browser for the adapter tfjs would get (high-performance, as tfjs-backend-webgpu asks) and judges it. */
export async function inspectWebGpuAdapter(scope: { navigator?: object } = globalThis): Promise<WebGpuAdapterVerdict> {
  const gpu = (scope.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { kind: 'none', reason: 'WebGPU is not available in this browser' };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    return adapter ? judgeWebGpuAdapter(adapter.info ?? {}, adapter.isFallbackAdapter === true) : judgeWebGpuAdapter(null);
  } catch (error) {
    return { kind: 'none', reason: `the WebGPU adapter could not be asked for (${error instanceof Error ? error.message : String(error)})` };
  }
}
