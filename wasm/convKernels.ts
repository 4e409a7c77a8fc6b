// AssemblyScript: convolutions as GEMMs on tfjs' heap, in place (see trainingKernels.ts for the module's rules: every
// pointer is a byte offset into tfjs' memory, and the module owns no memory). The GEMM reads A through the
// convolution's own geometry (no im2col copy) and B from 8-wide panels, in a 4×8 register tile. A 6×8 tile (12
// accumulators, 2 B vectors and an A splat) spilled four accumulators to the stack in V8's x64 code and ran at half
// the speed: 24–26 against 50 GFLOP/s on conv2's forward product (Node, 1 thread, CPU-time minima of 15 calls); 5×8
// ran at 20–21.

/** a·b + c: one fused instruction in the relaxed build, two otherwise. */
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

// The convolution, set by gemmGeometry: x [batch, inH, inW, c] already padded (no position reads outside it),
// filter [fH, fW, c, co], output [batch, outH, outW, co].
let inH = 0;
let inW = 0;
let inC = 0;
let outH = 0;
let outW = 0;
let fH = 0;
let fW = 0;
let sH = 0;
let sW = 0;
let outC = 0;
// What the forward GEMM's store adds to each output before writing it: a bias of outC floats (0: none), then relu.
let outBias: usize = 0;
let outRelu = false;
// x's rows [liveFrom, liveTo) may hold data; the rest is padding (zeros), whose filter rows the forward GEMM skips.
let liveFrom = 0;
let liveTo = 0;

export function gemmGeometry(
  inHeight: i32, inWidth: i32, c: i32, outHeight: i32, outWidth: i32, fh: i32, fw: i32, sh: i32, sw: i32, co: i32,
  bias: usize, relu: i32, liveTop: i32, liveBottom: i32,
): void {
  inH = inHeight; inW = inWidth; inC = c; outH = outHeight; outW = outWidth;
  fH = fh; fW = fw; sH = sh; sW = sw; outC = co;
  outBias = bias; outRelu = relu != 0;
  liveFrom = liveTop; liveTo = liveBottom > 0 ? liveBottom : inHeight;
}

/**
 * B panels: out[q][p][0..8) = w[p, q·8 + l] for a row-major [k, n] matrix, zero past n, so the tile reads 8 columns
 * of K consecutive rows from one contiguous run.
 */
export function packPanels(w: usize, out: usize, k: i32, n: i32): void {
  const panels = (n + 7) >> 3;
  for (let q = 0; q < panels; q++) {
    for (let p = 0; p < k; p++) {
      const to = out + (<usize>((q * k + p) << 3) << 2);
      for (let l = 0; l < 8; l++) {
        const j = (q << 3) + l;
        store<f32>(to + (<usize>l << 2), j < n ? load<f32>(w + (<usize>(p * n + j) << 2)) : 0);
      }
    }
  }
}

/**
 * The input gradient's B panels: B[(kh, kw, o), c] = w[fH−1−kh, fW−1−kw, c, o], the filter turned by 180° with its
 * channels swapped, for w [fH, fW, ci, co]; zero past ci.
 */
export function packTurnedPanels(w: usize, out: usize, fh: i32, fw: i32, ci: i32, co: i32): void {
  const k = fh * fw * co;
  const panels = (ci + 7) >> 3;
  for (let q = 0; q < panels; q++) {
    for (let p = 0; p < k; p++) {
      const o = p % co;
      const tap = p / co;
      const from = ((fh - 1 - tap / fw) * fw + (fw - 1 - tap % fw)) * ci;
      const to = out + (<usize>((q * k + p) << 3) << 2);
      for (let l = 0; l < 8; l++) {
        const c = (q << 3) + l;
        store<f32>(to + (<usize>l << 2), c < ci ? load<f32>(w + (<usize>((from + c) * co + o) << 2)) : 0);
      }
    }
  }
}

/**
 * dst = src [batch, h, w, c] placed at (top + ih·spreadH, left + iw·spreadW) in zeros [batch, dstH, dstW, c]: padding
 * for 'same' convolutions, and the stride's spreading of dy for the input gradient.
 */
export function spreadInto(
  src: usize, dst: usize, batch: i32, h: i32, w: i32, c: i32, dstH: i32, dstW: i32, top: i32, left: i32, spreadH: i32, spreadW: i32,
): void {
  memory.fill(dst, 0, <usize>batch * dstH * dstW * c << 2);
  const pixelBytes = <usize>c << 2;
  for (let b = 0; b < batch; b++) {
    for (let ih = 0; ih < h; ih++) {
      const row = (b * dstH + top + ih * spreadH) * dstW + left;
      const from = src + (<usize>((b * h + ih) * w * c) << 2);
      if (spreadW == 1) {
        memory.copy(dst + (<usize>(row * c) << 2), from, <usize>w * pixelBytes);
        continue;
      }
      for (let iw = 0; iw < w; iw++) {
        memory.copy(dst + (<usize>((row + iw * spreadW) * c) << 2), from + <usize>iw * pixelBytes, pixelBytes);
      }
    }
  }
}

// A cursor over output positions in order (b, oh, ow), kept in globals: the tile gets its rows' addresses from it
// without a division, which V8's TurboFan was measured to schedule inside the tile's inner loop (6× slower).
let cursorAt: usize = 0;
let cursorRow: usize = 0;
let cursorOw = 0;
let cursorOh = 0;

/** The cursor at output position `position` (b·outH·outW + oh·outW + ow); one division, outside every tile. */
function startCursor(x: usize, position: i32): void {
  const perImage = outH * outW;
  const b = position / perImage;
  const inImage = position - b * perImage;
  cursorOh = inImage / outW;
  cursorOw = inImage - cursorOh * outW;
  cursorRow = x + (<usize>((b * inH + cursorOh * sH) * inW * inC) << 2);
  cursorAt = cursorRow + (<usize>(cursorOw * sW * inC) << 2);
}

/** The current position's window corner in x, then the cursor moves to the next position. */
function nextPosition(): usize {
  const at = cursorAt;
  cursorAt += <usize>(sW * inC) << 2;
  if (++cursorOw == outW) {
    cursorOw = 0;
    if (++cursorOh == outH) {
      cursorOh = 0;
      cursorRow += <usize>((inH - (outH - 1) * sH) * inW * inC) << 2;
    } else {
      cursorRow += <usize>(sH * inW * inC) << 2;
    }
    cursorAt = cursorRow;
  }
  return at;
}

/** Lanes [0, count) of (v0, v1) stored at out; count 8 stores both vectors whole. */
function storeLanes(out: usize, v0: v128, v1: v128, count: i32): void {
  if (count >= 8) {
    v128.store(out, v0);
    v128.store(out, v1, 16);
    return;
  }
  if (count > 0) store<f32>(out, f32x4.extract_lane(v0, 0));
  if (count > 1) store<f32>(out, f32x4.extract_lane(v0, 1), 4);
  if (count > 2) store<f32>(out, f32x4.extract_lane(v0, 2), 8);
  if (count > 3) store<f32>(out, f32x4.extract_lane(v0, 3), 12);
  if (count > 4) store<f32>(out, f32x4.extract_lane(v1, 0), 16);
  if (count > 5) store<f32>(out, f32x4.extract_lane(v1, 1), 20);
  if (count > 6) store<f32>(out, f32x4.extract_lane(v1, 2), 24);
}

/**
 * Output rows m..m+3 (positions, their windows at a0..a3; rows past the last repeat it and are not stored), columns j..j+7 from one B panel:
 * for each filter row, A is fW·c consecutive floats of x from each position's corner.
 */
function forwardTile(
  panel: usize, y: usize, m: i32, rows: i32, j: i32, a0: usize, a1: usize, a2: usize, a3: usize, khFrom: i32, khTo: i32,
): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const segmentBytes = <usize>(fW * inC) << 2;
  const rowBytes = <usize>(inW * inC) << 2;
  let b = panel + (<usize>(khFrom * fW * inC) << 5);
  for (let kh = khFrom; kh < khTo; kh++) {
    const start = <usize>kh * rowBytes;
    const end = start + segmentBytes;
    for (let at = start; at < end; at += 4) {
      const b0 = v128.load(b), b1 = v128.load(b, 16);
      b += 32;
      let a = v128.load32_splat(a0 + at);
      c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
      a = v128.load32_splat(a1 + at);
      c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
      a = v128.load32_splat(a2 + at);
      c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
      a = v128.load32_splat(a3 + at);
      c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    }
  }
  const columns = min(8, outC - j);
  // Bias and relu while the tile is in registers: the same float32 add and max as tfjs' Add and Relu kernels after it.
  if (outBias != 0) {
    const bias = outBias + (<usize>j << 2);
    const b0 = loadLanes(bias, columns), b1 = loadLanes(bias + 16, columns - 4);
    c00 = f32x4.add(c00, b0); c01 = f32x4.add(c01, b1); c10 = f32x4.add(c10, b0); c11 = f32x4.add(c11, b1);
    c20 = f32x4.add(c20, b0); c21 = f32x4.add(c21, b1); c30 = f32x4.add(c30, b0); c31 = f32x4.add(c31, b1);
  }
  if (outRelu) {
    const zero = f32x4.splat(0);
    c00 = f32x4.max(c00, zero); c01 = f32x4.max(c01, zero); c10 = f32x4.max(c10, zero); c11 = f32x4.max(c11, zero);
    c20 = f32x4.max(c20, zero); c21 = f32x4.max(c21, zero); c30 = f32x4.max(c30, zero); c31 = f32x4.max(c31, zero);
  }
  const out = y + (<usize>(m * outC + j) << 2);
  const stride = <usize>outC << 2;
  storeLanes(out, c00, c01, columns);
  if (m + 1 < rows) storeLanes(out + stride, c10, c11, columns);
  if (m + 2 < rows) storeLanes(out + 2 * stride, c20, c21, columns);
  if (m + 3 < rows) storeLanes(out + 3 * stride, c30, c31, columns);
}

/**
 * y = conv(x, w) for output positions [from, to) (from a multiple of 4) with the geometry gemmGeometry set, w packed
 * by packPanels as [fH·fW·c, co]: a GEMM whose A rows are the output positions' windows, read where they lie in x.
 * Threads share one convolution by taking position ranges, each instance with its own geometry and cursor.
 */
export function convForwardRows(x: usize, panels: usize, y: usize, from: i32, to: i32): void {
  const panelCount = (outC + 7) >> 3;
  const panelBytes = <usize>(fH * fW * inC) << 5;
  startCursor(x, from);
  for (let m = from; m < to; m += 4) {
    // The output rows of the tile's first and last positions, read from the cursor before it moves past them.
    const firstRow = cursorOh;
    let lastRow = firstRow;
    const a0 = nextPosition();
    let a1 = a0, a2 = a0, a3 = a0;
    if (m + 1 < to) { lastRow = cursorOh; a1 = nextPosition(); a2 = a1; a3 = a1; }
    if (m + 2 < to) { lastRow = cursorOh; a2 = nextPosition(); a3 = a2; }
    if (m + 3 < to) { lastRow = cursorOh; a3 = nextPosition(); }
    // Filter rows that reach live input rows for any of the four positions (all of them where the four span images).
    let khFrom = 0;
    let khTo = fH;
    if (lastRow >= firstRow) {
      khFrom = max(0, liveFrom - lastRow * sH);
      khTo = min(fH, liveTo - firstRow * sH);
    }
    for (let q = 0; q < panelCount; q++) {
      forwardTile(panels + <usize>q * panelBytes, y, m, to, q << 3, a0, a1, a2, a3, khFrom, khTo);
    }
  }
}

// A cursor over dw's rows (kh, kw, c) in order, as the position cursor above: no division near the tile.
let tapC = 0;
let tapKw = 0;
let tapAt: usize = 0;

/** The byte offset of the current dw row's input from a position's corner; then the cursor moves on. */
/** The tap cursor at dw row `row` ((kh·fW + kw)·c + ci). */
function startTap(row: i32): void {
  const perFilterRow = fW * inC;
  const kh = row / perFilterRow;
  const inRow = row - kh * perFilterRow;
  const kw = inRow / inC;
  tapC = inRow - kw * inC;
  tapKw = kw;
  tapAt = <usize>((kh * inW + kw) * inC + tapC) << 2;
}

function nextTap(): usize {
  const at = tapAt;
  tapAt += 4;
  if (++tapC == inC) {
    tapC = 0;
    if (++tapKw == fW) {
      tapKw = 0;
      tapAt += <usize>((inW - fW) * inC) << 2;
    }
  }
  return at;
}

/** 4 floats from `at`, lanes at or past `count` zero (the last panel of dy's columns, read without overrunning it). */
function loadLanes(at: usize, count: i32): v128 {
  if (count >= 4) return v128.load(at);
  let v = f32x4.splat(0);
  if (count > 0) v = f32x4.replace_lane(v, 0, load<f32>(at));
  if (count > 1) v = f32x4.replace_lane(v, 1, load<f32>(at, 4));
  if (count > 2) v = f32x4.replace_lane(v, 2, load<f32>(at, 8));
  return v;
}

/** out[0..count) += lanes of (v0, v1). */
function addLanes(out: usize, v0: v128, v1: v128, count: i32): void {
  if (count >= 8) {
    v128.store(out, f32x4.add(v128.load(out), v0));
    v128.store(out, f32x4.add(v128.load(out, 16), v1), 16);
    return;
  }
  for (let l = 0; l < count; l++) {
    const lane = l < 4 ? v0 : v1;
    const value = (l & 3) == 0 ? f32x4.extract_lane(lane, 0) : (l & 3) == 1 ? f32x4.extract_lane(lane, 1)
      : (l & 3) == 2 ? f32x4.extract_lane(lane, 2) : f32x4.extract_lane(lane, 3);
    store<f32>(out + (<usize>l << 2), load<f32>(out + (<usize>l << 2)) + value);
  }
}

/**
 * dw rows i..i+3, their inputs at o0..o3 from a position's corner (rows past the last repeat it and are not stored), columns j..j+7, summed over the output rows
 * [fromRow, toRow) of the batch (b·outH + oh): A from x through each row's tap offset, B from dy's rows in place.
 */
// Compiled twice: Full = bool for 8 columns of dy (plain loads), any other type for the last, narrower panel. The
// full panels' loop then has no lane checks: 37–41 against 26 GFLOP/s on conv2's filter gradient (Node, 1 thread).
function filterTile<Full>(
  x: usize, dy: usize, dw: usize, i: i32, rows: i32, j: i32, fromRow: i32, toRow: i32,
  o0: usize, o1: usize, o2: usize, o3: usize,
): void {
  const full = isBoolean<Full>();
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const columns = min(8, outC - j);
  const xStep = <usize>(sW * inC) << 2;
  const dyStep = <usize>outC << 2;
  const imageBytes = <usize>(inH * inW * inC) << 2;
  let image = x + <usize>(fromRow / outH) * imageBytes;
  let oh = fromRow % outH;
  for (let r = fromRow; r < toRow; r++) {
    let xAt = image + (<usize>(oh * sH * inW * inC) << 2);
    if (++oh == outH) {
      oh = 0;
      image += imageBytes;
    }
    let dyAt = dy + (<usize>(r * outW * outC + j) << 2);
    for (let ow = 0; ow < outW; ow++) {
      const b0 = full ? v128.load(dyAt) : loadLanes(dyAt, columns);
      const b1 = full ? v128.load(dyAt, 16) : loadLanes(dyAt + 16, columns - 4);
      let a = v128.load32_splat(xAt + o0);
      c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
      a = v128.load32_splat(xAt + o1);
      c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
      a = v128.load32_splat(xAt + o2);
      c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
      a = v128.load32_splat(xAt + o3);
      c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
      xAt += xStep;
      dyAt += dyStep;
    }
  }
  const out = dw + (<usize>(i * outC + j) << 2);
  const stride = <usize>outC << 2;
  addLanes(out, c00, c01, columns);
  if (i + 1 < rows) addLanes(out + stride, c10, c11, columns);
  if (i + 2 < rows) addLanes(out + 2 * stride, c20, c21, columns);
  if (i + 3 < rows) addLanes(out + 3 * stride, c30, c31, columns);
}

/** Output positions summed per block: its dy rows and x windows stay in cache while every tile reads them. */
const POSITIONS_PER_BLOCK = 256;

/**
 * dw [fH, fW, c, co] = Σ over positions of x's window ⊗ dy, for x already padded and the geometry gemmGeometry set:
 * a GEMM of M = fH·fW·c, N = co, K = batch·outH·outW, reading x and dy where they lie, in blocks of output rows. This
 * call does dw rows [from, to) (from a multiple of 4): threads share one filter gradient by row ranges, each reading
 * all of x and dy.
 */
export function convFilterGradRows(x: usize, dy: usize, dw: usize, batch: i32, from: i32, to: i32): void {
  memory.fill(dw + (<usize>(from * outC) << 2), 0, <usize>((to - from) * outC) << 2);
  const outputRows = batch * outH;
  const rowsPerBlock = max(1, POSITIONS_PER_BLOCK / outW);
  for (let block = 0; block < outputRows; block += rowsPerBlock) {
    const blockEnd = min(outputRows, block + rowsPerBlock);
    startTap(from);
    for (let i = from; i < to; i += 4) {
      const o0 = nextTap();
      const o1 = i + 1 < to ? nextTap() : o0;
      const o2 = i + 2 < to ? nextTap() : o1;
      const o3 = i + 3 < to ? nextTap() : o2;
      let j = 0;
      for (; j + 8 <= outC; j += 8) filterTile<bool>(x, dy, dw, i, to, j, block, blockEnd, o0, o1, o2, o3);
      if (j < outC) filterTile<i32>(x, dy, dw, i, to, j, block, blockEnd, o0, o1, o2, o3);
    }
  }
}
