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

/** Adds dy to dx at the window's first maximum (row-major), four channels at a time, as tfjs' cpu backend routes it. */
function routeWindow(x: usize, dy: usize, dx: usize, corner: i32, rows: i32, columns: i32, from: i32): void {
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

/** Max-pool's gradient for `batch` images with the geometry poolGeometry set; dx is overwritten. */
export function maxPoolGrad(x: usize, dy: usize, dx: usize, batch: i32): void {
  memory.fill(dx, 0, <usize>batch * inHeight * inWidth * channels << 2);
  for (let b = 0; b < batch; b++) {
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
        routeWindow(x, dy, dx, corner, rowTo - rowFrom, colTo - colFrom, from);
      }
    }
  }
}
