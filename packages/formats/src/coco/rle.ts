// COCO run-length masks: `{ size: [height, width], counts }`, counts either a list of run lengths
// or COCO's compressed string (pycocotools `rleFrString`). Runs go down the columns (Fortran order),
// starting with background.

export interface Mask {
  width: number;
  height: number;
  /** Row-major, 1 for the object. */
  data: Uint8Array;
}

/** Decodes pycocotools' compressed counts: 5 bits a character from '0', deltas from the count two back. */
export function countsFromString(s: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let k = 0;
    let more = true;
    while (more) {
      if (p >= s.length) throw new Error('ends inside a count');
      const c = s.charCodeAt(p) - 48;
      if (c < 0 || c > 63) throw new Error(`character ${JSON.stringify(s[p])} at ${p} is not an RLE digit`);
      x += (c & 0x1f) * 2 ** (5 * k);
      more = (c & 0x20) !== 0;
      p++;
      k++;
      if (!more && (c & 0x10) !== 0) x -= 2 ** (5 * k);
    }
    if (counts.length > 2) x += counts[counts.length - 2]!;
    counts.push(x);
  }
  return counts;
}

/** The mask of run lengths; throws when the runs are not whole counts that fill the image exactly. */
export function maskFromCounts(counts: readonly number[], height: number, width: number): Mask {
  const total = width * height;
  const data = new Uint8Array(total);
  let pos = 0;
  counts.forEach((n, i) => {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`count ${i} is ${String(n)}, not a whole number ≥ 0`);
    if (pos + n > total) throw new Error(`runs cover more than the ${height}×${width} image`);
    if (i % 2 === 1) {
      for (let j = pos; j < pos + n; j++) data[(j % height) * width + Math.floor(j / height)] = 1;
    }
    pos += n;
  });
  if (pos !== total) throw new Error(`runs cover ${pos} pixels, the ${height}×${width} image has ${total}`);
  return { width, height, data };
}
