import { systemClock } from '../../clock.js';
import { requeueDeadMessage, summarizeOutbox } from '../../db/queries/outbox-report.js';
import { formatLocal } from '../../domain/time/zoned-time.js';
import type { CliCommand } from '../cli-command.js';

export const outboxCommand: CliCommand = {
  name: 'outbox',
  usage: 'outbox [retry ID]',
  summary: 'messages by state, the oldest waiting one and the dead letters; retry ID re-queues a dead letter',
  async run(args, ctx) {
    const [verb, idText] = args;
    const { db } = await ctx.database();
    if (verb === 'retry') {
      const id = Number(idText);
      if (!Number.isInteger(id) || id <= 0) {
        ctx.err('usage: outbox retry ID (the number shown by `outbox`)');
        return 2;
      }
      if (!(await requeueDeadMessage(db, id, systemClock.now()))) {
        ctx.err(`outbox row ${id} is not a dead letter (nothing changed)`);
        return 1;
      }
      ctx.out(`outbox row ${id} re-queued`);
      return 0;
    }
    if (verb !== undefined) {
      ctx.err(`usage: ${this.usage}`);
      return 2;
    }
    const { byState, oldestPending, dead } = await summarizeOutbox(db);
    const tz = ctx.config.timezone;
    ctx.out(['pending', 'sending', 'sent', 'dead'].map((s) => `${s} ${byState[s] ?? 0}`).join('  '));
    ctx.out(
      oldestPending
        ? `oldest waiting: #${oldestPending.id} ${oldestPending.kind} due ${formatLocal(oldestPending.notBefore, tz)}, ${oldestPending.attempts} attempt(s)${oldestPending.lastError ? `, last error: ${oldestPending.lastError}` : ''}${oldestPending.failingSince ? `, failing since ${formatLocal(oldestPending.failingSince, tz)}` : ''}`
        : 'nothing waiting',
    );
    for (const d of dead) ctx.out(`dead #${d.id} ${d.kind} ${d.key}: ${d.lastError ?? ''}`);
    return 0;
  },
};
