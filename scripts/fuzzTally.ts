/**
 * npm run fuzz's sum: each fuzz property logs `fuzz-cases<TAB>boundary<TAB>cases` when FUZZ_REPORT is set
 * (src/domain/fuzzing.ts writes the line); this adds them up per boundary and sets them out as a table.
 */

export interface BoundaryTally {
  readonly boundary: string;
  readonly properties: number;
  readonly cases: number;
}

const LINE = /^fuzz-cases\t(.+)\t(\d+)$/;
/** Vitest colours what a test logs: its header's colour codes run on into the line. */
// eslint-disable-next-line no-control-regex
const COLOUR = /\x1b\[[\d;]*m/g;

/** The boundaries in the order they first report, each with its properties and cases. */
export function tallyCases(output: string): BoundaryTally[] {
  const tally = new Map<string, { properties: number; cases: number }>();
  for (const line of output.split('\n')) {
    const match = LINE.exec(line.replace(COLOUR, '').trimEnd());
    if (!match) continue;
    const [, boundary = '', cases = '0'] = match;
    const entry = tally.get(boundary) ?? { properties: 0, cases: 0 };
    tally.set(boundary, { properties: entry.properties + 1, cases: entry.cases + Number(cases) });
  }
  return [...tally].map(([boundary, { properties, cases }]) => ({ boundary, properties, cases }));
}

export function formatTally(rows: readonly BoundaryTally[]): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const total = rows.reduce((sum, row) => ({ properties: sum.properties + row.properties, cases: sum.cases + row.cases }), { properties: 0, cases: 0 });
  const width = Math.max(8, ...rows.map((row) => row.boundary.length));
  const line = (name: string, properties: string, cases: string) => `${name.padEnd(width)}  ${properties.padStart(10)}  ${cases.padStart(12)}`;
  return [
    line('boundary', 'properties', 'cases'),
    ...rows.map((row) => line(row.boundary, count(row.properties), count(row.cases))),
    line('total', count(total.properties), count(total.cases)),
  ].join('\n');
}
