/**
 * At most `concurrency` received events are handled at once; the rest wait their turn (their
 * ids only: the payload is re-read from the stored row). Handling takes a pooled connection for
 * a whole transaction, so unbounded it would take every connection and the next events'
 * acknowledgements (one insert each) would queue behind it: under a burst Lark would then wait
 * seconds for its 200 and re-send. Bounded, the acknowledgements keep the rest of the pool.
 */
export function createEventWorkers(concurrency: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    /** Settles as the task does, once it has had its turn. */
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          running++;
          task()
            .then(resolve, reject)
            .finally(() => {
              running--;
              waiting.shift()?.();
            });
        };
        if (running < concurrency) start();
        else waiting.push(start);
      });
    },
  };
}
