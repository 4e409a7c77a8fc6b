import type { AttributionMethod } from '../../domain/explain/explanations.ts';

/** Each method's name, what it means, and where it misleads: one sentence each, as the page shows them. */
export const METHOD_TEXTS: Readonly<Record<AttributionMethod, { readonly name: string; readonly meaning: string; readonly misleads: string }>> = {
  'gradient-input': {
    name: 'Gradient × input',
    meaning: 'How much the class’s score would change if each pixel’s ink grew a little, times the ink there.',
    misleads: 'It is a local slope: it says nothing about blank pixels (no ink, no credit) and can be noisy where ReLUs switch.',
  },
  'integrated-gradients': {
    name: 'Integrated gradients',
    meaning: 'Gradient × input averaged along the way from a blank pad to your drawing, so the map adds up to the change in the score.',
    misleads: 'Everything is measured against a blank pad: a missing stroke that would matter gets no credit.',
  },
  occlusion: {
    name: 'Occlusion',
    meaning: 'A 4×4 patch blanks each part of the drawing in turn; red where hiding it lowered the probability, blue where it raised it.',
    misleads: 'Coarse (patch-sized), computed only once the drawing rests, and blanking creates shapes the model never saw in training.',
  },
  'grad-cam': {
    name: 'Grad-CAM',
    meaning: 'The last conv layer’s channels weighted by how much the score depends on each, stretched back to 28×28 (its negative part kept).',
    misleads: 'As coarse as that layer’s map (3×3 in the book’s model), and each channel’s weight is an average, so it can light places the model does not read.',
  },
};
