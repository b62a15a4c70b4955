/** An acknowledged event waiting to be handled; `payload` is the stored one, when it is at hand. */
export type QueuedEvent = { eventId: string; payload?: unknown };

export type EventQueueOptions = {
  /** Events handled at once. */
  concurrency: number;
  /** Events held in memory beyond those being handled; past this they wait in the table only. */
  maxWaiting: number;
  handle(event: QueuedEvent): Promise<void>;
  /** The oldest acknowledged events not yet handled nor failed, oldest first, leaving out `skip`. */
  readBacklog(limit: number, skip: string[]): Promise<QueuedEvent[]>;
  onError(error: unknown, event?: QueuedEvent): void;
  /** Told once each time the queue gets busy, with its drain: for a graceful stop to wait on. */
  track?(drained: () => Promise<void>): void;
  /** How long to wait before reading the backlog again after a failed read. */
  retryMs?: number;
};

export type EventQueue = {
  /** Takes an event that is stored and acknowledged; it is handled in its turn. */
  submit(event: QueuedEvent): void;
  /** Settles once nothing is being handled, waiting, or left in the table by this queue. */
  drained(): Promise<void>;
  /** Nothing is being handled, waiting, or left in the table: an event may be handled out of the queue without overtaking one. */
  idle(): boolean;
};

/**
 * Acknowledged events are handled at most `concurrency` at once: handling holds a pooled
 * connection for a whole transaction, so unbounded it would take every connection and the next
 * events' acknowledgements (one insert each) would queue behind it.
 *
 * While acknowledgements outpace handling (a flood of events), the waiting line would grow in
 * memory without bound. So at most `maxWaiting` events wait here; the rest are already stored,
 * so they wait in the table only and are read back, oldest first, once the line runs dry.
 * Events keep their order: while any are left in the table, newcomers join them there.
 */
export function createEventQueue(options: EventQueueOptions): EventQueue {
  const waiting: QueuedEvent[] = [];
  const handling = new Set<string>();
  /** Bumped whenever an event is left in the table: a read that started before it may have missed it. */
  let leftInTable = 0;
  let readUpTo = 0;
  let reading = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** One promise for everyone waiting on the drain, however many events were left in the table. */
  let drainedSoon: { promise: Promise<void>; settle: () => void } | undefined;

  const backlogInTable = () => readUpTo < leftInTable;
  // A read under way means a backlog in the table: it is marked read only once a read comes back short.
  const isDrained = () => handling.size === 0 && waiting.length === 0 && !backlogInTable();

  function start(event: QueuedEvent): void {
    handling.add(event.eventId);
    options
      .handle(event)
      .catch((error: unknown) => options.onError(error, event))
      .finally(() => {
        handling.delete(event.eventId);
        pump();
      });
  }

  function pump(): void {
    while (handling.size < options.concurrency && waiting.length > 0) {
      start(waiting.shift()!);
    }
    if (waiting.length === 0 && backlogInTable() && !reading && !retryTimer) void readFromTable();
    if (isDrained() && drainedSoon) {
      drainedSoon.settle();
      drainedSoon = undefined;
    }
  }

  async function readFromTable(): Promise<void> {
    reading = true;
    const upTo = leftInTable;
    try {
      const events = await options.readBacklog(options.maxWaiting, [...handling]);
      // Fewer than asked: the table held no more than these when read.
      if (events.length < options.maxWaiting) readUpTo = upTo;
      waiting.push(...events);
    } catch (error) {
      options.onError(error);
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        pump();
      }, options.retryMs ?? 1_000);
      retryTimer.unref?.();
    } finally {
      reading = false;
      pump();
    }
  }

  function drained(): Promise<void> {
    if (isDrained()) return Promise.resolve();
    if (!drainedSoon) {
      let settle!: () => void;
      const promise = new Promise<void>((resolve) => (settle = resolve));
      drainedSoon = { promise, settle };
    }
    return drainedSoon.promise;
  }

  return {
    submit(event) {
      if (isDrained()) options.track?.(drained);
      // Kept in order: while any are left in the table, newcomers join them there.
      if (backlogInTable()) leftInTable++;
      else if (handling.size < options.concurrency) start(event);
      else if (waiting.length < options.maxWaiting) waiting.push(event);
      else leftInTable++;
    },
    drained,
    idle: isDrained,
  };
}
