import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { enqueueFileMessage } from '../../db/queries/outbox-attachments.js';
import { outboxKey } from '../../db/queries/outbox.js';
import { DomainError } from '../../errors.js';
import { localParts } from '../../domain/time/zoned-time.js';
import { exportTexts as t } from '../../texts/export-texts.js';
import { escapeText } from '../cards/escape-markdown.js';
import type { Command } from './command.js';
import { parseSummaryArgs } from './summary-command.js';

/** Lark takes files up to 30 MB (im.file.create). */
const MAX_FILE_BYTES = 30 * 1024 * 1024;

/** Collects a workbook's bytes, refusing past Lark's limit (the writer stops there, not at the end). */
function collectBytes(): { sink: Writable; bytes(): Uint8Array } {
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
 * `导出 [项目] [月份] [镇街|学校]`, 1:1 only: the bureau's Excel workbook (the same words as 汇总),
 * queued as a file message to the asker with this answer; the reply says it is on its way.
 */
export const exportCommand: Command = {
  name: '导出',
  aliases: ['export'],
  usage: t.usage,
  summary: t.commandSummary,
  roles: ['bureau', 'admin'],
  async run(ctx) {
    // The workbook names children: nothing of it in a group, and no file either.
    if (ctx.inGroup) return { text: t.askPrivately };
    const parsed = parseSummaryArgs(ctx.args, localParts(ctx.now, ctx.timezone));
    if (!parsed) return { text: t.badArgs };
    // Loaded on demand: exceljs is heavy, and only an export needs it (the Worker build answers nodeOnly).
    const { exportWorkbook } = await import('../../domain/export/export-workbook.js');
    const file = collectBytes();
    const exported = await exportWorkbook(
      ctx.db,
      { ...parsed, now: ctx.now, timezone: ctx.timezone, asker: { person: ctx.person, origin: { channel: 'chat', chatId: ctx.chatId ?? null } } },
      file.sink,
    );
    await enqueueFileMessage(ctx.db, ctx.now, {
      // Each ask is its own file (two asks in the same clock tick too); a redelivered event is not handled twice.
      key: outboxKey('export', ctx.person.id, randomUUID()),
      kind: 'export',
      to: { openId: ctx.person.openId },
      file: { name: exported.fileName, type: 'xls', bytes: file.bytes() },
      notBefore: ctx.now,
    });
    return { text: t.queued(escapeText(exported.fileName), escapeText(exported.scope)) };
  },
};
