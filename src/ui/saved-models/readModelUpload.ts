/** The files a person picked or dropped, read and checked as one tfjs model (model.json and its weights). */
import { formatBytes } from '../../domain/format.ts';
import { MODEL_FILE_LIMITS } from '../../domain/keras/modelFiles.ts';
import type { SavedModel } from '../../storage/modelStore.ts';
import { readUploadedModel } from '../../storage/savedModelFiles.ts';

export async function readModelUpload(files: readonly File[]): Promise<{ ok: true; model: SavedModel } | { ok: false; message: string }> {
  const jsons = files.filter((file) => file.name.toLowerCase().endsWith('.json'));
  if (jsons.length !== 1) {
    return { ok: false, message: `Choose one model.json and its weights file together (${jsons.length === 0 ? 'no .json file was given' : `${jsons.length} .json files were given`}).` };
  }
  const modelFile = jsons[0]!;
  const weightFiles = files.filter((file) => file !== modelFile);
  // Sizes before reading: a huge file is refused without loading it into memory.
  if (modelFile.size > MODEL_FILE_LIMITS.maxModelJsonChars * 4) return { ok: false, message: `${modelFile.name} is ${formatBytes(modelFile.size)}, too large for a model.json.` };
  const weightBytes = weightFiles.reduce((sum, file) => sum + file.size, 0);
  if (weightBytes > MODEL_FILE_LIMITS.maxWeightBytes) {
    return { ok: false, message: `The weights files are ${formatBytes(weightBytes)}; the playground takes at most ${formatBytes(MODEL_FILE_LIMITS.maxWeightBytes)}.` };
  }
  const modelJson = await modelFile.text();
  const weightsFiles = await Promise.all(weightFiles.map(async (file) => ({ name: file.name, bytes: await file.arrayBuffer() })));
  const read = readUploadedModel(modelJson, weightsFiles, modelFile.name);
  return read.ok ? read : { ok: false, message: `${modelFile.name} was not loaded: ${read.message}` };
}
