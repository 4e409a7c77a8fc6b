/// <reference lib="webworker" />
/**
 * Decodes the person's images off the page's main thread: routes one request to imageImport.ts and posts the
 * answer, the dataset's bytes transferred. Decoding is the browser's own (createImageBitmap, resized by it).
 */
import { assertNever } from '../domain/assertNever.ts';
import { importFolder, importIdx, importZip, type DecodeImage } from './imageImport.ts';
import type { ImageImportAnswer, ImageImportRequest } from './imageImportProtocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Stretched to side×side with high-quality resampling, as image_dataset_from_directory resizes (no crop, no padding). */
const decode: DecodeImage = async (bytes, side) => {
  try {
    const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]), { resizeWidth: side, resizeHeight: side, resizeQuality: 'high' });
    const canvas = new OffscreenCanvas(side, side);
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0, side, side);
    bitmap.close();
    return context.getImageData(0, 0, side, side).data;
  } catch {
    return null;
  }
};

async function answer(request: ImageImportRequest): Promise<ImageImportAnswer> {
  switch (request.type) {
    case 'import-folder':
      return importFolder(request.files, { origin: 'folder', sourceName: request.sourceName, now: request.now }, request.options, decode);
    case 'import-zip':
      return importZip(request.zip, { origin: 'zip', sourceName: request.sourceName, now: request.now }, request.options, decode);
    case 'import-idx':
      return importIdx(request.files.map((file) => ({ name: file.path, bytes: file.bytes })), request.now);
    default:
      return assertNever(request);
  }
}

scope.onmessage = async (message: MessageEvent<ImageImportRequest>) => {
  const reply = await answer(message.data).catch((error: unknown) => ({ ok: false, message: `The import failed: ${String(error)}. Nothing was imported.` }) as const);
  const transfer = reply.ok ? [reply.dataset.images.buffer, reply.dataset.labels.buffer, reply.dataset.testMask.buffer] : [];
  scope.postMessage(reply, transfer as Transferable[]);
};
