// What the servers themselves measured (their /metrics request histograms), to hold against what the
// load generator saw: the generator's figure includes its own stalls and the loopback network.
export type Buckets = Map<string, Map<number, number>>;

const LINE = /^cadre_http_request_duration_seconds_bucket\{([^}]*)\} (\S+)$/;

/** Cumulative bucket counts per "METHOD route", summed over status classes. */
export async function scrapeBuckets(base: string): Promise<Buckets> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const out: Buckets = new Map();
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1]!, x[2]!]));
    const key = `${labels.method} ${labels.route}`;
    const le = labels.le === '+Inf' ? Infinity : Number(labels.le);
    const b = out.get(key) ?? new Map<number, number>();
    b.set(le, (b.get(le) ?? 0) + Number(m[2]));
    out.set(key, b);
  }
  return out;
}

/** The counts of `after` less those of `before`, over several servers. */
export function bucketDelta(before: Buckets[], after: Buckets[]): Buckets {
  const out: Buckets = new Map();
  const add = (all: Buckets[], sign: number) => {
    for (const b of all) for (const [key, les] of b) {
      const o = out.get(key) ?? new Map<number, number>();
      for (const [le, n] of les) o.set(le, (o.get(le) ?? 0) + sign * n);
      out.set(key, o);
    }
  };
  add(after, 1);
  add(before, -1);
  return out;
}

/** A percentile from cumulative buckets, interpolated inside its bucket (as Prometheus' histogram_quantile does). */
export function bucketPercentile(les: Map<number, number>, p: number): number | null {
  const sorted = [...les].sort((a, b) => a[0] - b[0]);
  const total = sorted.at(-1)?.[1] ?? 0;
  if (total === 0) return null;
  const rank = (p / 100) * total;
  let lowerLe = 0;
  let lowerN = 0;
  for (const [le, n] of sorted) {
    if (n >= rank) {
      if (le === Infinity) return lowerLe * 1000;
      return (lowerLe + ((le - lowerLe) * (rank - lowerN)) / Math.max(1, n - lowerN)) * 1000;
    }
    lowerLe = le;
    lowerN = n;
  }
  return null;
}

/** n, p50, p99 (ms) and the share answered within 50 ms, for one route, from the servers' own histograms. */
export function serverFigures(delta: Buckets, key: string): { n: number; p50_ms: number | null; p99_ms: number | null; within_50ms: number | null } {
  const les = delta.get(key);
  if (!les) return { n: 0, p50_ms: null, p99_ms: null, within_50ms: null };
  const n = les.get(Infinity) ?? 0;
  const r = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return { n, p50_ms: r(bucketPercentile(les, 50)), p99_ms: r(bucketPercentile(les, 99)), within_50ms: n ? Math.round(((les.get(0.05) ?? 0) / n) * 10000) / 10000 : null };
}

/** The event-loop delay each server saw since its previous scrape (prom-client resets it at each), in ms. */
export async function eventLoopLag(base: string): Promise<{ p99_ms: number; max_ms: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) * 1000;
  return { p99_ms: Math.round(read('nodejs_eventloop_lag_p99_seconds') * 10) / 10, max_ms: Math.round(read('nodejs_eventloop_lag_max_seconds') * 10) / 10 };
}
