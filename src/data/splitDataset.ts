/** The person's train/test split: per class, a seeded shuffle, the first share of each class held out for testing. */
import { createRandom } from './batching.ts';

/**
 * One byte per image, 1 where it is a test image. The same labels, fraction and seed give the same mask; each class
 * with two or more images keeps at least one image on each side, so every class is both learned and scored.
 */
export function splitByClass(labels: Uint8Array, classCount: number, testFraction: number, seed: number): Uint8Array {
  const mask = new Uint8Array(labels.length);
  const random = createRandom(seed);
  for (let label = 0; label < classCount; label++) {
    const members: number[] = [];
    labels.forEach((value, index) => {
      if (value === label) members.push(index);
    });
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    const wanted = Math.round(members.length * testFraction);
    const held = members.length < 2 ? 0 : Math.min(members.length - 1, Math.max(testFraction > 0 ? 1 : 0, wanted));
    for (const index of members.slice(0, held)) mask[index] = 1;
  }
  return mask;
}
