// AssemblyScript: training kernels for tfjs' wasm backend, compiled by scripts/buildKernels.ts into a relaxed-SIMD and
// a plain-SIMD build, each for a shared (threaded tfjs) and an unshared memory. The module imports tfjs' own memory
// and works on its tensors in place: every pointer is a byte offset into that heap. It must own no memory itself (no
// data segments, no allocation, no shadow stack), or it would write over tfjs' heap; the build checks for data.

/** out[i] = x[i] > 0 ? dy[i] : 0: relu's gradient in one pass, in place of Step, Cast and Multiply. */
export function reluGrad(dy: usize, x: usize, out: usize, count: i32): void {
  const zero = f32x4.splat(0);
  const vectorEnd = count & ~3;
  let i = 0;
  for (; i < vectorEnd; i += 4) {
    const at = <usize>i << 2;
    const positive = f32x4.gt(v128.load(x + at), zero);
    v128.store(out + at, v128.and(v128.load(dy + at), positive));
  }
  for (; i < count; i++) {
    const at = <usize>i << 2;
    store<f32>(out + at, load<f32>(x + at) > 0 ? load<f32>(dy + at) : 0);
  }
}

/**
 * out[c] = Σ_r x[r·columns + c]: a sum over the leading axes (a bias gradient sums batch and space), read in memory
 * order, with no transpose. Rows are summed in blocks into `out`, one add per value as tfjs' own Sum does.
 */
export function sumRows(x: usize, out: usize, rows: i32, columns: i32): void {
  memory.fill(out, 0, <usize>columns << 2);
  const vectorEnd = columns & ~3;
  const rowBytes = <usize>columns << 2;
  for (let r = 0; r < rows; r++) {
    const row = x + <usize>r * rowBytes;
    let c = 0;
    for (; c < vectorEnd; c += 4) {
      const at = <usize>c << 2;
      v128.store(out + at, f32x4.add(v128.load(out + at), v128.load(row + at)));
    }
    for (; c < columns; c++) {
      const at = <usize>c << 2;
      store<f32>(out + at, load<f32>(out + at) + load<f32>(row + at));
    }
  }
}

/**
 * out = y > 0 ? dy : 0 and sums[c] = Σ_r out[r·columns + c]: relu's gradient (from its output y, positive where its
 * input was) and the bias gradient of the layer before it in one pass, the sum in the row order sumRows adds.
 */
export function reluGradSumRows(dy: usize, y: usize, out: usize, sums: usize, rows: i32, columns: i32): void {
  memory.fill(sums, 0, <usize>columns << 2);
  const zero = f32x4.splat(0);
  const vectorEnd = columns & ~3;
  const rowBytes = <usize>columns << 2;
  for (let r = 0; r < rows; r++) {
    const row = <usize>r * rowBytes;
    let c = 0;
    for (; c < vectorEnd; c += 4) {
      const at = row + (<usize>c << 2);
      const gradient = v128.and(v128.load(dy + at), f32x4.gt(v128.load(y + at), zero));
      v128.store(out + at, gradient);
      const sum = sums + (<usize>c << 2);
      v128.store(sum, f32x4.add(v128.load(sum), gradient));
    }
    for (; c < columns; c++) {
      const at = row + (<usize>c << 2);
      const gradient: f32 = load<f32>(y + at) > 0 ? load<f32>(dy + at) : 0;
      store<f32>(out + at, gradient);
      const sum = sums + (<usize>c << 2);
      store<f32>(sum, load<f32>(sum) + gradient);
    }
  }
}

// The pooling geometry, set once per call by poolGeometry (a wasm call takes at most a handful of arguments cleanly).
let inHeight = 0;
let inWidth = 0;
let channels = 0;
let outHeight = 0;
let outWidth = 0;
let filterHeight = 0;
let filterWidth = 0;
let strideHeight = 0;
let strideWidth = 0;
let padTop = 0;
let padLeft = 0;

export function poolGeometry(
  inH: i32, inW: i32, c: i32, outH: i32, outW: i32, fH: i32, fW: i32, sH: i32, sW: i32, top: i32, left: i32,
): void {
  inHeight = inH; inWidth = inW; channels = c; outHeight = outH; outWidth = outW;
  filterHeight = fH; filterWidth = fW; strideHeight = sH; strideWidth = sW; padTop = top; padLeft = left;
}

/** Routes dy to dx at the window's first maximum (row-major), four channels at a time, as tfjs' cpu backend does. */
function routeWindow(x: usize, dy: usize, dx: usize, corner: i32, rows: i32, columns: i32, from: i32, disjoint: bool): void {
  const rowStride = inWidth * channels;
  const vectorEnd = channels & ~3;
  const lanes = i32x4(0, 1, 2, 3);
  let c = 0;
  for (; c < vectorEnd; c += 4) {
    let best = v128.load(x + (<usize>(corner + c) << 2));
    let bestAt = i32x4.add(i32x4.splat(corner + c), lanes);
    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < columns; col++) {
        const at = corner + row * rowStride + col * channels + c;
        const value = v128.load(x + (<usize>at << 2));
        const greater = f32x4.gt(value, best);
        best = v128.bitselect(value, best, greater);
        bestAt = v128.bitselect(i32x4.add(i32x4.splat(at), lanes), bestAt, greater);
      }
    }
    const gradients = v128.load(dy + (<usize>(from + c) << 2));
    if (disjoint) {
      // No other window reaches these cells: write the gradient where the maximum is and zero elsewhere.
      for (let row = 0; row < rows; row++) {
        for (let col = 0; col < columns; col++) {
          const at = corner + row * rowStride + col * channels + c;
          const here = i32x4.eq(i32x4.add(i32x4.splat(at), lanes), bestAt);
          v128.store(dx + (<usize>at << 2), v128.and(gradients, here));
        }
      }
      continue;
    }
    addAt(dx, i32x4.extract_lane(bestAt, 0), f32x4.extract_lane(gradients, 0));
    addAt(dx, i32x4.extract_lane(bestAt, 1), f32x4.extract_lane(gradients, 1));
    addAt(dx, i32x4.extract_lane(bestAt, 2), f32x4.extract_lane(gradients, 2));
    addAt(dx, i32x4.extract_lane(bestAt, 3), f32x4.extract_lane(gradients, 3));
  }
  for (; c < channels; c++) {
    let bestAt = corner + c;
    let best = load<f32>(x + (<usize>bestAt << 2));
    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < columns; col++) {
        const at = corner + row * rowStride + col * channels + c;
        const value = load<f32>(x + (<usize>at << 2));
        if (value > best) {
          best = value;
          bestAt = at;
        }
      }
    }
    addAt(dx, bestAt, load<f32>(dy + (<usize>(from + c) << 2)));
  }
}

/** dx[index] += value (binaryen inlines it at -O3). */
function addAt(base: usize, index: i32, value: f32): void {
  const at = base + (<usize>index << 2);
  store<f32>(at, load<f32>(at) + value);
}

/**
 * Max-pool's gradient for images [from, to) of the batch with the geometry poolGeometry set; their dx is overwritten.
 * Each image's windows touch only its own dx, so threads share the batch. Windows that do not overlap (strides at least
 * the window, as Keras' default pooling) store their four lanes at once; overlapping ones add lane by lane.
 */
export function maxPoolGradImages(x: usize, dy: usize, dx: usize, from: i32, to: i32): void {
  const disjoint = strideHeight >= filterHeight && strideWidth >= filterWidth;
  const imageFloats = inHeight * inWidth * channels;
  memory.fill(dx + (<usize>(from * imageFloats) << 2), 0, <usize>((to - from) * imageFloats) << 2);
  for (let b = from; b < to; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const top = oh * strideHeight - padTop;
      const rowFrom = max(0, top);
      const rowTo = min(inHeight, top + filterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const left = ow * strideWidth - padLeft;
        const colFrom = max(0, left);
        const colTo = min(inWidth, left + filterWidth);
        if (rowFrom >= rowTo || colFrom >= colTo) continue;
        const corner = ((b * inHeight + rowFrom) * inWidth + colFrom) * channels;
        const from = ((b * outHeight + oh) * outWidth + ow) * channels;
        routeWindow(x, dy, dx, corner, rowTo - rowFrom, colTo - colFrom, from, disjoint);
      }
    }
  }
}

/**
 * Max-pool for images [from, to) of the batch with the geometry poolGeometry set: each output is the maximum of its
 * window's cells inside the image (padding is never the maximum, as in tfjs). The output row starts as the window's
 * first cell and takes the maximum with each further cell, a whole pixel (every channel) at a time, so the inner loop
 * only streams. Threads share the batch.
 */
export function maxPoolImages(x: usize, y: usize, from: i32, to: i32): void {
  const pixelBytes = <usize>channels << 2;
  const vectorBytes = <usize>(channels & ~3) << 2;
  const rowBytes = <usize>inWidth * pixelBytes;
  let out = y + <usize>(from * outHeight * outWidth) * pixelBytes;
  for (let b = from; b < to; b++) {
    const image = x + <usize>(b * inHeight) * rowBytes;
    for (let oh = 0; oh < outHeight; oh++) {
      const top = oh * strideHeight - padTop;
      const rowFrom = max(0, top);
      const rowTo = min(inHeight, top + filterHeight);
      for (let ow = 0; ow < outWidth; ow++, out += pixelBytes) {
        const left = ow * strideWidth - padLeft;
        const colFrom = max(0, left);
        const colTo = min(inWidth, left + filterWidth);
        if (rowFrom >= rowTo || colFrom >= colTo) {
          for (let at: usize = 0; at < pixelBytes; at += 4) store<f32>(out + at, -Infinity);
          continue;
        }
        const corner = image + <usize>rowFrom * rowBytes + <usize>colFrom * pixelBytes;
        memory.copy(out, corner, pixelBytes);
        for (let row = rowFrom; row < rowTo; row++) {
          let cell = image + <usize>row * rowBytes + <usize>colFrom * pixelBytes;
          for (let col = colFrom; col < colTo; col++, cell += pixelBytes) {
            if (cell == corner) continue;
            let at: usize = 0;
            for (; at < vectorBytes; at += 16) v128.store(out + at, f32x4.max(v128.load(out + at), v128.load(cell + at)));
            for (; at < pixelBytes; at += 4) store<f32>(out + at, max(load<f32>(out + at), load<f32>(cell + at)));
          }
        }
      }
    }
  }
}

/** a·b + c: one fused instruction in the relaxed build (rounding once or twice, as the engine chooses), two otherwise. */
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

// The product's operands, set by matMulOperands: A(i,k) at a + (i·aRow + k·aCol)·4, B row-major [K, N] at b.
let aRowStride = 0;
let aColStride = 0;

export function matMulOperands(rowStride: i32, colStride: i32): void {
  aRowStride = rowStride;
  aColStride = colStride;
}

/** A(i, k)'s address (binaryen inlines it at -O3). */
function aAt(a: usize, i: i32, k: i32): usize {
  return a + (<usize>(i * aRowStride + k * aColStride) << 2);
}

/** C rows i..i+3, columns j..j+7: 8 accumulators, 2 B vectors and an A splat fit x64's 16 vector registers. */
function tile4x8(a: usize, b: usize, c: usize, i: i32, j: i32, n: i32, k: i32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < k; p++) {
    const row = b + (<usize>(p * n + j) << 2);
    const b0 = v128.load(row), b1 = v128.load(row, 16);
    const a0 = v128.load32_splat(aAt(a, i, p));
    c00 = madd(a0, b0, c00); c01 = madd(a0, b1, c01);
    const a1 = v128.load32_splat(aAt(a, i + 1, p));
    c10 = madd(a1, b0, c10); c11 = madd(a1, b1, c11);
    const a2 = v128.load32_splat(aAt(a, i + 2, p));
    c20 = madd(a2, b0, c20); c21 = madd(a2, b1, c21);
    const a3 = v128.load32_splat(aAt(a, i + 3, p));
    c30 = madd(a3, b0, c30); c31 = madd(a3, b1, c31);
  }
  let out = c + (<usize>(i * n + j) << 2);
  const rowBytes = <usize>n << 2;
  v128.store(out, c00); v128.store(out, c01, 16);
  out += rowBytes;
  v128.store(out, c10); v128.store(out, c11, 16);
  out += rowBytes;
  v128.store(out, c20); v128.store(out, c21, 16);
  out += rowBytes;
  v128.store(out, c30); v128.store(out, c31, 16);
}

/** C row i, columns j..j+3. */
function tile1x4(a: usize, b: usize, c: usize, i: i32, j: i32, n: i32, k: i32): void {
  let sum = f32x4.splat(0);
  for (let p = 0; p < k; p++) {
    sum = madd(v128.load32_splat(aAt(a, i, p)), v128.load(b + (<usize>(p * n + j) << 2)), sum);
  }
  v128.store(c + (<usize>(i * n + j) << 2), sum);
}

/** C row i, column j. */
function element(a: usize, b: usize, c: usize, i: i32, j: i32, n: i32, k: i32): void {
  let sum: f32 = 0;
  for (let p = 0; p < k; p++) sum += load<f32>(aAt(a, i, p)) * load<f32>(b + (<usize>(p * n + j) << 2));
  store<f32>(c + (<usize>(i * n + j) << 2), sum);
}

/** C[m, n] = A[m, k] · B[k, n], A by the strides matMulOperands set, B and C row-major. */
export function matMul(a: usize, b: usize, c: usize, m: i32, n: i32, k: i32): void {
  const wideEnd = n & ~7;
  const vectorEnd = n & ~3;
  const rowBlockEnd = m & ~3;
  for (let i = 0; i < m; i++) {
    let j = 0;
    if (i < rowBlockEnd) {
      if ((i & 3) == 0) for (; j < wideEnd; j += 8) tile4x8(a, b, c, i, j, n, k);
      j = wideEnd;
    }
    for (; j < vectorEnd; j += 4) tile1x4(a, b, c, i, j, n, k);
    for (; j < n; j++) element(a, b, c, i, j, n, k);
  }
}

/** out[k, n] = b[n, k]ᵀ: B packed row-major for matMul when it comes transposed. */
export function transpose2d(b: usize, out: usize, rows: i32, columns: i32): void {
  for (let r = 0; r < rows; r++) {
    for (let col = 0; col < columns; col++) {
      store<f32>(out + (<usize>(col * rows + r) << 2), load<f32>(b + (<usize>(r * columns + col) << 2)));
    }
  }
}

let outChannels = 0;

/** The convolution's geometry for convFilterGrad, in the pooling globals plus its output channels. */
export function convGeometry(
  inH: i32, inW: i32, c: i32, outH: i32, outW: i32, fH: i32, fW: i32, sH: i32, sW: i32, top: i32, left: i32, co: i32,
): void {
  poolGeometry(inH, inW, c, outH, outW, fH, fW, sH, sW, top, left);
  outChannels = co;
}

/**
 * Σ over one image's output positions of x[b, oh·s+kh−top, ow·s+kw−left, c] · dy[b, oh, ow, o..o+lanes·4) for one
 * tap (kh, kw) and input channel c, in registers (up to 4 vectors), added into dw at `target`.
 */
function tapChunk(x: usize, dy: usize, target: usize, b: i32, kh: i32, kw: i32, c: i32, o: i32, lanes: i32): void {
  let acc0 = f32x4.splat(0), acc1 = f32x4.splat(0), acc2 = f32x4.splat(0), acc3 = f32x4.splat(0);
  for (let oh = 0; oh < outHeight; oh++) {
    const ih = oh * strideHeight + kh - padTop;
    if (ih < 0 || ih >= inHeight) continue;
    const pixelRow = x + (<usize>(((b * inHeight + ih) * inWidth) * channels + c) << 2);
    const gradientRow = dy + (<usize>(((b * outHeight + oh) * outWidth) * outChannels + o) << 2);
    for (let ow = 0; ow < outWidth; ow++) {
      const iw = ow * strideWidth + kw - padLeft;
      if (iw < 0 || iw >= inWidth) continue;
      const xv = v128.load32_splat(pixelRow + (<usize>(iw * channels) << 2));
      const row = gradientRow + (<usize>(ow * outChannels) << 2);
      acc0 = madd(xv, v128.load(row), acc0);
      if (lanes > 1) {
        acc1 = madd(xv, v128.load(row, 16), acc1);
        acc2 = madd(xv, v128.load(row, 32), acc2);
        acc3 = madd(xv, v128.load(row, 48), acc3);
      }
    }
  }
  v128.store(target, f32x4.add(v128.load(target), acc0));
  if (lanes > 1) {
    v128.store(target, f32x4.add(v128.load(target, 16), acc1), 16);
    v128.store(target, f32x4.add(v128.load(target, 32), acc2), 32);
    v128.store(target, f32x4.add(v128.load(target, 48), acc3), 48);
  }
}

/** The scalar remainder of tapChunk, for output channels past the last multiple of 4. */
function tapScalar(x: usize, dy: usize, target: usize, b: i32, kh: i32, kw: i32, c: i32, o: i32): void {
  let sum: f32 = 0;
  for (let oh = 0; oh < outHeight; oh++) {
    const ih = oh * strideHeight + kh - padTop;
    if (ih < 0 || ih >= inHeight) continue;
    for (let ow = 0; ow < outWidth; ow++) {
      const iw = ow * strideWidth + kw - padLeft;
      if (iw < 0 || iw >= inWidth) continue;
      const xv = load<f32>(x + (<usize>(((b * inHeight + ih) * inWidth + iw) * channels + c) << 2));
      sum += xv * load<f32>(dy + (<usize>(((b * outHeight + oh) * outWidth + ow) * outChannels + o) << 2));
    }
  }
  store<f32>(target, load<f32>(target) + sum);
}

/**
 * dW[kh,kw,ci,co] = Σ_b,oh,ow x[b, oh·s+kh−top, ow·s+kw−left, ci] · dy[b,oh,ow,co], for few input channels (a first
 * layer on images). Each tap's sum over one image's positions (676 for conv1) runs in registers, 16 output channels at
 * a time, then goes into dw: no float32 sum runs over all 43,264 positions of the batch at once. This call does output
 * channels [from, to) (from a multiple of 16): dw's columns are independent sums, so threads share the gradient by
 * columns (its rows, fH·fW·c, are too few for conv1: 9).
 */
export function convFilterGradChannels(x: usize, dy: usize, dw: usize, batch: i32, from: i32, to: i32): void {
  const taps = filterHeight * filterWidth * channels;
  for (let tap = 0; tap < taps; tap++) memory.fill(dw + (<usize>(tap * outChannels + from) << 2), 0, <usize>(to - from) << 2);
  const wideEnd = from + ((to - from) & ~15);
  const vectorEnd = from + ((to - from) & ~3);
  for (let b = 0; b < batch; b++) {
    for (let kh = 0; kh < filterHeight; kh++) {
      for (let kw = 0; kw < filterWidth; kw++) {
        for (let c = 0; c < channels; c++) {
          const tap = dw + (<usize>(((kh * filterWidth + kw) * channels + c) * outChannels) << 2);
          let o = from;
          for (; o < wideEnd; o += 16) tapChunk(x, dy, tap + (<usize>o << 2), b, kh, kw, c, o, 4);
          for (; o < vectorEnd; o += 4) tapChunk(x, dy, tap + (<usize>o << 2), b, kh, kw, c, o, 1);
          for (; o < to; o++) tapScalar(x, dy, tap + (<usize>o << 2), b, kh, kw, c, o);
        }
      }
    }
  }
}

export { rmsPropStep } from './optimizerKernels';
export { convFilterGradRows, convForwardRows, gemmGeometry, packPanels, packTurnedPanels, spreadInto } from './convKernels';
