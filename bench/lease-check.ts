// Whether any task was leased to two people at once, from what the clients saw. A person holds a
// task for certain from the moment their claim was answered until they sent its submit, and at
// most until the lease's expiry counted from when the claim was sent (the server's lease began
// later than that). Two such spans of different people on one task that overlap are a double lease.
import type { LeaseRecord } from './load.ts';

export interface DoubleLease { task: string; people: [number, number]; overlapMs: number }

export function doubleLeases(leases: readonly LeaseRecord[], leaseMs: number, endMs: number): DoubleLease[] {
  const byTask = new Map<string, { who: number; from: number; to: number }[]>();
  for (const l of leases) {
    if (l.adopted) continue; // began at an unknown time (a claim whose answer was lost)
    const span = { who: l.who, from: l.got, to: Math.min(l.sent ?? endMs, l.asked + leaseMs) };
    if (span.to <= span.from) continue;
    const list = byTask.get(l.task);
    if (list) list.push(span);
    else byTask.set(l.task, [span]);
  }
  const found: DoubleLease[] = [];
  for (const [task, spans] of byTask) {
    if (spans.length < 2) continue;
    for (let i = 0; i < spans.length; i++) {
      for (let j = i + 1; j < spans.length; j++) {
        const a = spans[i]!, b = spans[j]!;
        const overlap = Math.min(a.to, b.to) - Math.max(a.from, b.from);
        if (a.who !== b.who && overlap > 0) found.push({ task, people: [a.who, b.who], overlapMs: overlap });
      }
    }
  }
  return found;
}
