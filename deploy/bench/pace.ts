/**
 * Calls `send(i)` for i = 0..total-1 at `rate` per second, in ticks of 10 ms. Paced by elapsed
 * time: a late tick sends what it owes, so the rate holds on average. `onTick` sees the count sent.
 */
export async function paced(rate: number, total: number, send: (i: number) => void, onTick?: (sent: number) => void): Promise<void> {
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; sent < due; sent++) send(sent);
    onTick?.(sent);
    await new Promise((r) => setTimeout(r, 10));
  }
}
