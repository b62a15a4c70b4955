import { parseArgs } from 'node:util';
import { systemClock } from '../../clock.js';
import { findActivePersonByOpenId } from '../../db/queries/people.js';
import { reviewEvidence } from '../../domain/evidence/review-evidence.js';
import { isDomainError } from '../../errors.js';
import { evidenceReviewPresenter } from '../../lark/cards/evidence-review-card.js';
import { cliTexts } from '../../texts/cli-texts.js';
import { evidenceCliTexts as t, evidenceReviewTexts } from '../../texts/evidence-review-texts.js';
import type { CliCommand } from '../cli-command.js';

const DECISIONS = { accept: 'accepted', reject: 'rejected' } as const;

/** `evidence review ID accept|reject [--note 理由] --as OPEN_ID`: the chat's 审核, as a bureau officer or admin. */
export const evidenceCommand: CliCommand = {
  name: 'evidence',
  usage: t.usage,
  summary: t.summary,
  help: t.help,
  async run(args, ctx) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { note: { type: 'string' }, as: { type: 'string' } } });
    const [verb, idText, word] = positionals;
    const decision = word === 'accept' || word === 'reject' ? DECISIONS[word] : undefined;
    if (verb !== 'review' || positionals.length !== 3 || !decision || !values.as) {
      ctx.err(cliTexts.usage(t.usage));
      return 2;
    }
    const id = /^\d{1,10}$/.test(idText!) ? Number(idText) : NaN;
    if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) {
      ctx.err(t.badId(idText!));
      return 2;
    }
    const { db } = await ctx.database();
    const reviewer = await findActivePersonByOpenId(db, values.as);
    if (!reviewer) {
      ctx.err(t.notAPerson(values.as));
      return 1;
    }
    try {
      const done = await reviewEvidence(db, systemClock.now(), {
        evidenceId: id,
        reviewer,
        decision,
        ...(values.note !== undefined ? { note: values.note } : {}),
        origin: { channel: 'cli' },
        timezone: ctx.config.timezone,
        present: evidenceReviewPresenter,
      });
      ctx.out(t.done(id, evidenceReviewTexts.decisionWords[done.decision]!));
      if (done.decision === 'rejected') ctx.err(t.noticeQueued);
      return 0;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      ctx.err(error.userMessage);
      return 1;
    }
  },
};
