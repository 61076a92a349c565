// A backup read as lines of bytes, a chunk's worth at a time (a row is never decoded and encoded
// again on its way to COPY). A line's carriage return before its newline is dropped: COPY text never
// holds a raw one, so it can only come from an editor. `complete` says whether the last line ended
// with a newline; a file cut short ends in the middle of one.
export async function* linesOf(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): AsyncGenerator<{ lines: Buffer[]; complete: boolean }> {
  let pending: Buffer[] = [];
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    const lines: Buffer[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      const part = chunk.subarray(start, nl);
      lines.push(withoutCr(pending.length > 0 ? Buffer.concat([...pending, part]) : part));
      pending = [];
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
    if (lines.length > 0) yield { lines, complete: true };
  }
  if (pending.length > 0) yield { lines: [withoutCr(Buffer.concat(pending))], complete: false };
}

const withoutCr = (line: Buffer) => (line.length > 0 && line[line.length - 1] === 13 ? line.subarray(0, -1) : line);
