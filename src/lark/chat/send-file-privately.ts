import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { enqueueFileMessage } from '../../db/queries/outbox-attachments.js';
import { outboxKey } from '../../db/queries/outbox.js';
import { DomainError } from '../../errors.js';
import { exportTexts as t } from '../../texts/export-texts.js';
import type { CommandContext } from './command.js';

/** Lark takes files up to 30 MB (im.file.create). */
const MAX_FILE_BYTES = 30 * 1024 * 1024;

/** Collects a workbook's bytes, refusing past Lark's limit (the writer stops there, not at the end). */
export function collectBytes(): { sink: Writable; bytes(): Uint8Array } {
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > MAX_FILE_BYTES) return done(new DomainError('export_too_big', t.tooBig(Math.ceil(size / 1024 / 1024))));
      chunks.push(chunk);
      done();
    },
  });
  return { sink, bytes: () => Buffer.concat(chunks, size) };
}

/**
 * Writes a file into memory and queues it as a file message 1:1 to the asker, in the message's
 * transaction: a file goes only to the person who asked, whichever chat they asked in.
 */
export async function sendFilePrivately<T extends { fileName: string }>(
  ctx: Pick<CommandContext, 'db' | 'now' | 'person'>,
  kind: string,
  write: (sink: Writable) => Promise<T>,
): Promise<T> {
  const file = collectBytes();
  const written = await write(file.sink);
  await enqueueFileMessage(ctx.db, ctx.now, {
    // Each ask is its own file (two asks in the same clock tick too); a redelivered event is not handled twice.
    key: outboxKey(kind, ctx.person.id, randomUUID()),
    kind,
    to: { openId: ctx.person.openId },
    file: { name: written.fileName, type: 'xls', bytes: file.bytes() },
    notBefore: ctx.now,
  });
  return written;
}
