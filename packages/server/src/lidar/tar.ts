// A minimal ustar writer: enough to hand a folder of small label files over HTTP in one response.

const BLOCK = 512;

function header(path: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(path) > 100) {
    const cut = path.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(path.slice(cut + 1)) > 100) throw new Error(`tar: the path ${path} is too long`);
    prefix = path.slice(0, cut);
    name = path.slice(cut + 1);
  }
  const put = (text: string, at: number, len: number) => h.write(text, at, len, 'utf8');
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, '0') + '\0';
  put(name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(mtime, 12), 136, 12);
  h.fill(' ', 148, 156); // the checksum counts its own field as spaces
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

/** One file as tar blocks: its header, its bytes, zero padding to the block size. */
export function tarEntry(path: string, content: string | Buffer, mtime = Math.floor(Date.now() / 1000)): Buffer {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
  return Buffer.concat([header(path, data.length, mtime), data, Buffer.alloc(pad)]);
}

/** The two zero blocks that end an archive. */
export const TAR_END = Buffer.alloc(BLOCK * 2);
