/** How a kept before → after comparison must read back (see domain/fineTune.ts). */
import { z } from 'zod';
import type { ComparedExample, FineTuneComparison } from '../domain/fineTune.ts';
import { anyNumber, storedList } from './recordSchemas.ts';

export type { FineTuneComparison };

const digit = z.number().int().min(0).max(9);
const test = z.object({ accuracy: anyNumber, count: anyNumber });

const comparedSchema: z.ZodType<ComparedExample> = z.object({ id: z.string(), label: digit, heldOut: z.boolean(), before: digit, after: digit });

/** Typed against FineTuneComparison, so a field added there without a rule here fails to compile. */
export const comparisonSchema: z.ZodType<FineTuneComparison> = z.object({
  modelName: z.string(),
  parentName: z.string(),
  finishedAt: anyNumber,
  parentTest: test,
  test,
  split: z.string(),
  examples: storedList(comparedSchema),
});
