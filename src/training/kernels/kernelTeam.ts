/**
 * Our GEMMs on more than one thread: helper workers instantiate the same kernel module on tfjs' shared heap, and a
 * convolution's output rows are dealt out in chunks to whoever is free (this thread and each helper), through one
 * small SharedArrayBuffer. tfjs' own pthread pool is not reachable from outside its module, and XNNPACK's threads
 * idle while our kernels run, so the cores are ours for the call.
 *
 * The hand-off, per helper: this thread writes the job, then SEQ, then STATE = OPEN and wakes it; a helper that wakes
 * takes the job by turning OPEN into TAKEN, runs chunks, and publishes DONE = SEQ. When this thread has run out of
 * chunks it turns OPEN into CLOSED: a helper that had not woken by then never touches the job, so this thread waits
 * only for helpers that are actually working. Chunks are taken from one counter, so a helper that wakes late or runs
 * slowly (a busy machine) costs only its own chunk.
 */

/** The kernels a job may call, by index: the same list on both sides of the hand-off. */
export const JOB_KERNELS = [
  'gemmGeometry', 'convForwardRows', 'convFilterGradRows', 'poolGeometry', 'maxPoolGradImages', 'convGeometry', 'convFilterGradChannels',
  'maxPoolImages',
] as const;
export type JobKernel = (typeof JOB_KERNELS)[number];

/** A kernel call whose row range [from, to) is dealt out: args[fromArg] and args[fromArg + 1] are filled per chunk. */
export interface ChunkedJob {
  /** Called once on every participating instance first (the geometry lives in each instance's globals). */
  readonly setup: { readonly kernel: JobKernel; readonly args: readonly number[] };
  readonly kernel: JobKernel;
  readonly args: readonly number[];
  readonly fromArg: number;
  /** Rows in all (positions, dw rows, images, channels: whatever the kernel's range counts). */
  readonly rows: number;
  /** A chunk's rows are a multiple of this: 4 for the register tile's height (the default), 16 for 16-lane columns. */
  readonly chunkUnit?: number;
  /** Floating-point operations in the whole call, roughly: small calls stay on this thread. */
  readonly work: number;
}

type KernelExports = Record<JobKernel, (...args: number[]) => void>;

// The control block: a job header, then one slot of 4 words per helper.
const NEXT_CHUNK = 0;
const CHUNK_ROWS = 1;
const ROWS = 2;
const KERNEL = 3;
const FROM_ARG = 4;
const ARG_COUNT = 5;
const SETUP_KERNEL = 6;
const SETUP_ARG_COUNT = 7;
const ARGS = 8;
const MAX_ARGS = 16;
const SETUP_ARGS = ARGS + MAX_ARGS;
const SLOTS = SETUP_ARGS + MAX_ARGS;
const SEQ = 0;
const STATE = 1;
const DONE = 2;
const READY = 3;
const OPEN = 0;
const TAKEN = 1;
const CLOSED = 2;

export function controlBlock(helpers: number): SharedArrayBuffer {
  const control = new SharedArrayBuffer((SLOTS + 4 * helpers) * 4);
  const words = new Int32Array(control);
  for (let h = 0; h < helpers; h++) words[SLOTS + 4 * h + STATE] = CLOSED;
  return control;
}

const slot = (helper: number, word: number) => SLOTS + 4 * helper + word;

/** A helper's word in the control block, for tests that play a helper by hand. */
export const helperWord = (helper: number, word: 'seq' | 'state' | 'done' | 'ready') =>
  slot(helper, { seq: SEQ, state: STATE, done: DONE, ready: READY }[word]);

/** Takes chunks until none is left; the caller's instance has had the job's setup call. */
function runChunks(words: Int32Array, exports: KernelExports): void {
  const chunkRows = words[CHUNK_ROWS]!;
  const rows = words[ROWS]!;
  const kernel = exports[JOB_KERNELS[words[KERNEL]!]!];
  const args = Array.from(words.subarray(ARGS, ARGS + words[ARG_COUNT]!));
  const fromArg = words[FROM_ARG]!;
  for (;;) {
    const from = Atomics.add(words, NEXT_CHUNK, 1) * chunkRows;
    if (from >= rows) return;
    args[fromArg] = from;
    args[fromArg + 1] = Math.min(rows, from + chunkRows);
    kernel(...args);
  }
}

function runSetup(words: Int32Array, exports: KernelExports): void {
  const args = Array.from(words.subarray(SETUP_ARGS, SETUP_ARGS + words[SETUP_ARG_COUNT]!));
  exports[JOB_KERNELS[words[SETUP_KERNEL]!]!](...args);
}

/** A helper's whole life: says it is ready, then serves every job it can take, sleeping between them. Never returns. */
export function serveJobs(control: SharedArrayBuffer, helper: number, exports: KernelExports): never {
  const words = new Int32Array(control);
  Atomics.store(words, slot(helper, READY), 1);
  let seen = Atomics.load(words, slot(helper, SEQ));
  for (;;) {
    Atomics.wait(words, slot(helper, SEQ), seen);
    seen = Atomics.load(words, slot(helper, SEQ));
    if (Atomics.compareExchange(words, slot(helper, STATE), OPEN, TAKEN) !== OPEN) continue;
    // SEQ was written before STATE became OPEN, and cannot change until this helper publishes DONE.
    const seq = Atomics.load(words, slot(helper, SEQ));
    runSetup(words, exports);
    runChunks(words, exports);
    Atomics.store(words, slot(helper, DONE), seq);
    Atomics.notify(words, slot(helper, DONE));
  }
}

/** Work below which a call stays on this thread (~40 µs here): waking a helper costs tens of microseconds. */
const MIN_WORK_TO_SHARE = 2e6;
/** Chunks per participant: small enough that a slow one delays the call by little, large enough to amortise. */
const CHUNKS_PER_THREAD = 6;
/** A helper that has not finished its chunk by then is taken for gone: the call is redone here, helpers off. */
const HELPER_TIMEOUT_MS = 10_000;

export class KernelTeam {
  private readonly words: Int32Array;
  private seq = 0;
  private failed = false;
  /** Calls in which a helper took chunks: what tests and the bench read to know the threads worked. */
  helpedCalls = 0;

  constructor(control: SharedArrayBuffer, private readonly helpers: number, private readonly helperTimeoutMs = HELPER_TIMEOUT_MS) {
    this.words = new Int32Array(control);
  }

  /** Threads our kernels share calls across: this one and its helpers. */
  get threads(): number {
    return this.helpers + 1;
  }

  /** A helper that reported an error: the team stops sharing (a job it took would never finish). */
  fail(): void {
    this.failed = true;
  }

  /** Helpers that have their instance and wait for work. */
  readyHelpers(): number[] {
    if (this.failed) return [];
    const ready: number[] = [];
    for (let h = 0; h < this.helpers; h++) if (Atomics.load(this.words, slot(h, READY)) === 1) ready.push(h);
    return ready;
  }

  /** Runs the job with every ready helper, this thread taking chunks too; on this thread alone where none is ready. */
  run(job: ChunkedJob, exports: KernelExports): void {
    exports[job.setup.kernel](...job.setup.args);
    const unit = job.chunkUnit ?? 4;
    const helpers = job.work >= MIN_WORK_TO_SHARE && job.rows >= 2 * unit ? this.readyHelpers() : [];
    if (helpers.length === 0) {
      runAlone(job, exports);
      return;
    }
    this.post(job, helpers.length + 1, unit);
    for (const h of helpers) this.open(h);
    runChunks(this.words, exports);
    // Every helper is closed or awaited, even after one is lost, so none takes this job once the call has returned.
    const outcomes = helpers.map((h) => this.closeOrAwait(h));
    if (outcomes.includes('lost')) {
      this.failed = true;
      runAlone(job, exports);
      return;
    }
    if (outcomes.includes('finished')) this.helpedCalls++;
  }

  private post(job: ChunkedJob, threads: number, unit: number): void {
    const words = this.words;
    const chunkRows = Math.max(unit, Math.ceil(job.rows / (threads * CHUNKS_PER_THREAD) / unit) * unit);
    words[NEXT_CHUNK] = 0;
    words[CHUNK_ROWS] = chunkRows;
    words[ROWS] = job.rows;
    words[KERNEL] = JOB_KERNELS.indexOf(job.kernel);
    words[FROM_ARG] = job.fromArg;
    words[ARG_COUNT] = job.args.length;
    words.set(job.args, ARGS);
    words[SETUP_KERNEL] = JOB_KERNELS.indexOf(job.setup.kernel);
    words[SETUP_ARG_COUNT] = job.setup.args.length;
    words.set(job.setup.args, SETUP_ARGS);
    this.seq = (this.seq + 1) | 0;
  }

  private open(helper: number): void {
    Atomics.store(this.words, slot(helper, SEQ), this.seq);
    Atomics.store(this.words, slot(helper, STATE), OPEN);
    Atomics.notify(this.words, slot(helper, SEQ));
  }

  /** Closes the job to a helper that has not taken it, or waits for the one that has to finish. */
  private closeOrAwait(helper: number): 'closed' | 'finished' | 'lost' {
    if (Atomics.compareExchange(this.words, slot(helper, STATE), OPEN, CLOSED) === OPEN) return 'closed';
    const deadline = Date.now() + this.helperTimeoutMs;
    for (;;) {
      const done = Atomics.load(this.words, slot(helper, DONE));
      if (done === this.seq) {
        Atomics.store(this.words, slot(helper, STATE), CLOSED);
        return 'finished';
      }
      const left = deadline - Date.now();
      if (left <= 0) return 'lost';
      Atomics.wait(this.words, slot(helper, DONE), done, left);
    }
  }
}

/** The job on a team where there is one, else here in one call. */
export function runJob(team: KernelTeam | null, job: ChunkedJob, exports: KernelExports): void {
  if (team) {
    team.run(job, exports);
    return;
  }
  exports[job.setup.kernel](...job.setup.args);
  runAlone(job, exports);
}

function runAlone(job: ChunkedJob, exports: KernelExports): void {
  const args = [...job.args];
  args[job.fromArg] = 0;
  args[job.fromArg + 1] = job.rows;
  exports[job.kernel](...args);
}
