// Images of a given size for the browser tests, through the server's own PNG writer (no image library).
import { encodePng } from '../../server/src/demo/png.ts';

/** An RGB image of `width` x `height` with horizontal bands, so a wrong orientation would show. */
export function stripedPng(width: number, height: number): Buffer {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const shade = (Math.floor(y / 200) % 2) * 120 + 60;
    const row = y * width * 3;
    for (let x = 0; x < width; x++) { rgb[row + 3 * x] = shade; rgb[row + 3 * x + 1] = 90; rgb[row + 3 * x + 2] = 255 - shade; }
  }
  return encodePng(width, height, rgb);
}
