import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Deps } from '../../deps.js';
import { messageOf, statusOf } from '../../errors.js';
import { createEventIntake } from './event-intake.js';
import { storablePayload } from '../storable-payload.js';
import { MAX_WEBHOOK_BODY_BYTES, runWebhookPipeline } from './webhook-pipeline.js';

type Vars = { Variables: { requestId: string } };

/** Lark's two doors: event subscription and card callbacks, behind the same fixed pipeline. */
export function createWebhookRoutes(deps: Deps) {
  const routes = new Hono<Vars>();
  const refuse = (c: Context<Vars>, code: 'body_too_large' | 'not_a_card_callback') => {
    deps.log.warn('webhook rejected', { requestId: c.get('requestId'), path: c.req.path, status: statusOf(code), code });
    return c.json({ error: messageOf(code) }, statusOf(code));
  };
  const tooLarge = bodyLimit({
    maxSize: MAX_WEBHOOK_BODY_BYTES,
    // The rest of the body is never read, so the connection cannot carry another request: close it.
    onError: (c) => {
      c.header('Connection', 'close');
      return refuse(c as Context<Vars>, 'body_too_large');
    },
  });
  const intake = createEventIntake(deps);

  async function admit(c: Context<Vars>) {
    const raw = await c.req.text();
    const outcome = runWebhookPipeline(raw, c.req.header(), deps.lark.settings, deps.clock.now());
    if (outcome.kind === 'rejected') {
      deps.log.warn('webhook rejected', { requestId: c.get('requestId'), path: c.req.path, status: outcome.status, code: outcome.code, reason: outcome.error });
    }
    // Stored and handled as Postgres can keep it (no NUL, no lone surrogate in any string).
    if (outcome.kind === 'event') {
      const envelope = storablePayload(outcome.envelope);
      return { ...outcome, envelope, eventId: envelope.header!.event_id!, eventType: envelope.header!.event_type! };
    }
    return outcome;
  }

  routes.post('/lark/events', tooLarge, async (c) => {
    const outcome = await admit(c);
    if (outcome.kind === 'rejected') return c.json({ error: outcome.error }, outcome.status);
    if (outcome.kind === 'challenge') return c.json({ challenge: outcome.challenge });
    await intake.take({ requestId: c.get('requestId') }, outcome.envelope, outcome.eventId, outcome.eventType);
    return c.json({});
  });

  routes.post('/lark/card', tooLarge, async (c) => {
    const outcome = await admit(c);
    if (outcome.kind === 'rejected') return c.json({ error: outcome.error }, outcome.status);
    if (outcome.kind === 'challenge') return c.json({ challenge: outcome.challenge });
    if (outcome.eventType !== 'card.action.trigger') return refuse(c, 'not_a_card_callback');
    return c.json(await intake.answerCard({ requestId: c.get('requestId') }, outcome.envelope, outcome.eventId));
  });

  return routes;
}
