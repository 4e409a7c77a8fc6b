/**
 * PyTorch's print(model) of an nn.Sequential → editor layers. The printout is pasted text, so it is read as hostile:
 * sizes are capped, nothing throws, and the first module the editor cannot take exactly is named with its line.
 * An activation module folds into the Conv2d or Linear right before it, as Keras puts it on the layer.
 */
import { analyzePrefix } from '../analysis.ts';
import type { LayerSpec, Shape } from '../modelSpec.ts';
import { MAX_LAYERS, MNIST_INPUT_SHAPE } from '../modelSpec.ts';
import { readArguments } from './printoutArguments.ts';
import type { ModuleReading } from './printoutModules.ts';
import { MODULE_KINDS } from './printoutModules.ts';
import type { PrintedModule } from './printoutSyntax.ts';
import { readPrintedModules } from './printoutSyntax.ts';

export type PrintoutImport =
  | { readonly ok: true; readonly layers: LayerSpec[]; readonly notes: string[] }
  | { readonly ok: false; readonly message: string };

const names = [...MODULE_KINDS.keys()];
/** What the editor reads, for the message about a module it cannot. */
export const SUPPORTED_MODULES = `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
/** PyTorch models often end in LogSoftmax for NLLLoss; the editor's loss takes the log itself. */
const HINTS: ReadonlyMap<string, string> = new Map([['LogSoftmax', '; end with Softmax(dim=1) instead: the editor takes the log in its loss']]);

/** The shape the next layer receives, or null when the layers so far do not fit together (the editor will say why). */
function nextInputShape(layers: readonly LayerSpec[]): Shape | null {
  const rows = analyzePrefix(layers);
  return rows.length === layers.length ? (rows.at(-1)?.outputShape ?? MNIST_INPUT_SHAPE) : null;
}

interface Previous {
  readonly module: PrintedModule;
  readonly reading: ModuleReading;
}

/** Puts the activation on the layer the module before it made, or says why it cannot go there. */
function foldActivation(layers: LayerSpec[], previous: Previous | null, module: PrintedModule, activation: ModuleReading & { kind: 'activation' }): string | null {
  const onlyOnLayers = 'the editor applies an activation only as part of the Conv2d or Linear right before it';
  if (previous === null) return `Line ${module.line}: ${module.shownText} comes first, but ${onlyOnLayers}.`;
  const before = `${previous.module.shownText} on line ${previous.module.line}`;
  if (previous.reading.kind === 'activation') {
    return `Line ${module.line}: ${module.shownText} follows another activation, ${before}: the editor gives each Conv2d and Linear one activation.`;
  }
  const last = layers.at(-1);
  if (last?.type !== 'Conv2D' && last?.type !== 'Dense') return `Line ${module.line}: ${module.shownText} follows ${before}, but ${onlyOnLayers}.`;
  layers[layers.length - 1] = { ...last, activation: activation.activation };
  return null;
}

/** A Dense layer without softmax at the end trains badly on the editor's loss: worth saying, as PyTorch models often end so. */
function describeEnding(layers: readonly LayerSpec[], lastLayer: PrintedModule | null): string[] {
  const last = layers.at(-1);
  if (last?.type !== 'Dense' || last.activation !== 'linear' || lastLayer === null) return [];
  const why = "PyTorch's CrossEntropyLoss applies softmax inside the loss, but the editor's loss takes probabilities";
  return [`Line ${lastLayer.line}: ${lastLayer.shownText} ends the model without Softmax: ${why}, so give this Dense layer the softmax activation.`];
}

/**
 * The editor's layers for what print(model) shows of a torch.nn.Sequential (named or numbered entries, nested
 * Sequential blocks), with notes on what changes, or the first problem. Checks that in_channels, in_features and
 * num_features agree with the shapes before them on 28×28×1 MNIST input; layers that do not fit for other reasons
 * (a kernel larger than its input) are imported, and the editor says why.
 */
export function layersFromTorchPrintout(text: string): PrintoutImport {
  const printed = readPrintedModules(text);
  if (!printed.ok) return printed;
  const layers: LayerSpec[] = [];
  const notes: string[] = [];
  let previous: Previous | null = null;
  let softmax: PrintedModule | null = null;
  let lastLayer: PrintedModule | null = null;
  for (const module of printed.modules) {
    const fail = (message: string): PrintoutImport => ({ ok: false, message });
    if (softmax !== null) {
      return fail(`Line ${module.line}: ${module.shownText} comes after ${softmax.shownText} on line ${softmax.line}, but Softmax must be the last module.`);
    }
    const kind = MODULE_KINDS.get(module.className);
    if (kind === undefined) {
      return fail(`Line ${module.line}: ${module.shownText} is not supported: the editor has ${SUPPORTED_MODULES}${HINTS.get(module.className) ?? ''}.`);
    }
    const read = readArguments(module, kind.parameters);
    const reading = kind.read(read, { shape: nextInputShape(layers), afterConv: layers.some((layer) => layer.type === 'Conv2D') });
    const problem = read.problem();
    if (problem !== null) return fail(problem);
    if (reading.kind === 'activation') {
      const folded = foldActivation(layers, previous, module, reading);
      if (folded !== null) return fail(folded);
      if (reading.activation === 'softmax') softmax = module;
    } else {
      if (layers.length === MAX_LAYERS) return fail(`Line ${module.line}: ${module.shownText} is layer ${MAX_LAYERS + 1}; the editor takes at most ${MAX_LAYERS} layers.`);
      layers.push(reading.layer);
      if (reading.note !== null) notes.push(reading.note);
      lastLayer = module;
    }
    previous = { module, reading };
  }
  return { ok: true, layers, notes: [...notes, ...describeEnding(layers, lastLayer)] };
}
