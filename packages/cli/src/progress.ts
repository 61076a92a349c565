/** A one-line progress bar on stderr; quiet when stderr is not a terminal except for a final line. */
export class Progress {
  private last = 0;
  private readonly started = Date.now();
  constructor(private readonly label: string, private readonly total: number) {}

  update(done: number, rows: number): void {
    const now = Date.now();
    if (now - this.last < 200 || !process.stderr.isTTY) return;
    this.last = now;
    const share = this.total > 0 ? Math.min(1, done / this.total) : 0;
    const width = 30;
    const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
    const rate = Math.round(rows / Math.max(0.001, (now - this.started) / 1000));
    process.stderr.write(`\r${this.label} [${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${rows} rows  ${rate} rows/s `);
  }

  finish(rows: number): void {
    const seconds = (Date.now() - this.started) / 1000;
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stderr.write(`${this.label}: ${rows} rows in ${seconds.toFixed(1)} s (${Math.round(rows / Math.max(seconds, 0.001))} rows/s)\n`);
  }
}
