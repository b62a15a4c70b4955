import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { listUnhandledEvents, markEventProcessed, recordReceivedEvent } from '../../db/queries/inbox.js';
import type { Deps } from '../../deps.js';
import { messageOf, statusOf } from '../../errors.js';
import { cardActionTexts, commonTexts } from '../../texts/common-texts.js';
import { createLarkDispatcher, dispatchEnvelope } from './event-dispatcher.js';
import { createEventQueue } from './event-queue.js';
import { handleStoredEvent } from './handle-stored-event.js';
import { storablePayload } from '../storable-payload.js';
import { MAX_WEBHOOK_BODY_BYTES, runWebhookPipeline, type LarkEnvelope } from './webhook-pipeline.js';

type Vars = { Variables: { requestId: string } };

/** Events handled at once: 4 of the pool's 10 connections, the rest stay free for acknowledgements. */
const EVENTS_HANDLED_AT_ONCE = 4;
/** Acknowledged events held in memory to be handled next; more wait in the table (see createEventQueue). */
const EVENTS_WAITING_IN_MEMORY = 200;

/** Lark's two doors: event subscription and card callbacks, behind the same fixed pipeline. */
export function createWebhookRoutes(deps: Deps) {
  const routes = new Hono<Vars>();
  const dispatcher = createLarkDispatcher(deps);
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
  const events = createEventQueue({
    concurrency: EVENTS_HANDLED_AT_ONCE,
    maxWaiting: EVENTS_WAITING_IN_MEMORY,
    handle: ({ eventId, payload }) => handleStoredEvent(deps, { dispatcher, eventId, attempts: 0, payload }),
    readBacklog: (limit, skip) => listUnhandledEvents(deps.db, limit, skip),
    onError: (error, event) => deps.log.error('event handling failed', { eventId: event?.eventId, error }),
    track: (drained) => deps.background.defer('lark-events', drained),
  });

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
    const messageId = messageIdOf(outcome.envelope);
    const fresh = await recordReceivedEvent(deps.db, {
      eventId: outcome.eventId,
      messageId,
      eventType: outcome.eventType,
      payload: outcome.envelope,
      receivedAt: deps.clock.now(),
    });
    deps.log.info(fresh ? 'event accepted' : 'duplicate event dropped', {
      requestId: c.get('requestId'),
      eventId: outcome.eventId,
      eventType: outcome.eventType,
      messageId,
    });
    // Lark gets its 200 now; the work happens after, from the stored row.
    if (fresh) events.submit({ eventId: outcome.eventId, payload: outcome.envelope });
    return c.json({});
  });

  routes.post('/lark/card', tooLarge, async (c) => {
    const outcome = await admit(c);
    if (outcome.kind === 'rejected') return c.json({ error: outcome.error }, outcome.status);
    if (outcome.kind === 'challenge') return c.json({ challenge: outcome.challenge });
    if (outcome.eventType !== 'card.action.trigger') return refuse(c, 'not_a_card_callback');
    const fresh = await recordReceivedEvent(deps.db, {
      eventId: outcome.eventId,
      messageId: null,
      eventType: outcome.eventType,
      payload: outcome.envelope,
      receivedAt: deps.clock.now(),
    });
    if (!fresh) return c.json({ toast: { type: 'info', content: cardActionTexts.alreadyHandled } });
    try {
      const { result } = await dispatchEnvelope(dispatcher, outcome.envelope);
      return c.json(result && typeof result === 'object' ? result : {});
    } catch (error) {
      // The person sees the failure now; Lark does not re-send callbacks, so nothing is left to retry.
      deps.log.error('card action failed', { requestId: c.get('requestId'), eventId: outcome.eventId, error });
      await markEventProcessed(deps.db, outcome.eventId, deps.clock.now());
      return c.json({ toast: { type: 'error', content: commonTexts.somethingWrong } });
    }
  });

  return routes;
}

function messageIdOf(envelope: LarkEnvelope): string | null {
  const message = (envelope.event as { message?: { message_id?: unknown } } | undefined)?.message;
  return typeof message?.message_id === 'string' ? message.message_id : null;
}
