import { markMessagesSent, type SentMark } from '../../db/queries/outbox.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../log.js';

/** Marks written together: at full speed one UPDATE per message cost more than the send itself. */
const MAX_MARKS_PER_WRITE = 64;
/** A lone mark waits at most this long for company. */
const MAX_MARK_DELAY_MS = 20;

export type SentMarkWriter = {
  /** Settles once the mark is in the table, or its write failed (and was logged). Never rejects. */
  add(mark: SentMark): Promise<void>;
  /** Writes every mark added so far; settles when they are written. */
  flush(): Promise<void>;
};

type Batch = { marks: SentMark[]; written: Promise<void>; settle: () => void };

/**
 * Sent rows are marked in batches, one write at a time. A row sent but not yet marked (the process
 * died, the write failed) stays `sending` until its lease ends, then goes again with the same
 * uuid, which Lark drops within its hour: the same as a crash between a send and its mark.
 */
export function createSentMarkWriter(db: Db, log: Logger): SentMarkWriter {
  let batch: Batch | undefined;
  let writing: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const full = batch;
    batch = undefined;
    if (full) {
      writing = writing
        .then(() => markMessagesSent(db, full.marks))
        .catch((error: unknown) => log.error('could not mark sent messages; their lease will bring them back', { count: full.marks.length, error }))
        .finally(full.settle);
    }
    return writing;
  }

  function newBatch(): Batch {
    let settle!: () => void;
    const written = new Promise<void>((resolve) => (settle = resolve));
    return { marks: [], written, settle };
  }

  return {
    add(mark) {
      const current = (batch ??= newBatch());
      current.marks.push(mark);
      if (current.marks.length >= MAX_MARKS_PER_WRITE) void flush();
      else timer ??= setTimeout(() => void flush(), MAX_MARK_DELAY_MS);
      return current.written;
    },
    flush,
  };
}
