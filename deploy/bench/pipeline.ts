/** Sends every item with at most `window` sends awaiting their acknowledgement; resolves with the elapsed ms. */
export function pipeline<T>(
  items: readonly T[],
  send: (item: T) => Promise<unknown>,
  window = 2000,
  onProgress?: (done: number) => void,
): Promise<number> {
  const started = performance.now();
  if (!items.length) return Promise.resolve(0);
  let next = 0;
  let done = 0;
  let failed = false;
  return new Promise((resolve, reject) => {
    const pump = () => {
      while (!failed && next < items.length && next - done < window) {
        send(items[next++]).then(
          () => {
            done++;
            if (onProgress && done % 1000 === 0) onProgress(done);
            if (done === items.length) resolve(performance.now() - started);
            else pump();
          },
          (err) => {
            failed = true;
            reject(err);
          },
        );
      }
    };
    pump();
  });
}
