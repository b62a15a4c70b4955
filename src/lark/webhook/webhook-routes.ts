import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { listUnhandledEvents, recordReceivedEvent, type ArrivingEvent } from '../../db/queries/inbox.js';
import type { Deps } from '../../deps.js';
import { messageOf, statusOf } from '../../errors.js';
import { commonTexts } from '../../texts/common-texts.js';
import { createEventQueue } from './event-queue.js';
import { handleArrivingEvent } from './handle-arriving-event.js';
import { createInlineGate } from './inline-gate.js';
import { handleStoredEvent } from './handle-stored-event.js';
import { storablePayload } from '../storable-payload.js';
import { MAX_WEBHOOK_BODY_BYTES, runWebhookPipeline, type LarkEnvelope } from './webhook-pipeline.js';

type Vars = { Variables: { requestId: string } };

/** Stored events handled at once: 4 of the pool's 10 connections, the rest stay free for the requests. */
const EVENTS_HANDLED_AT_ONCE = 4;
/** Acknowledged events held in memory to be handled next; more wait in the table (see createEventQueue). */
const EVENTS_WAITING_IN_MEMORY = 200;
/**
 * How long handling an event inside its request may take before Postgres counts as slow (Lark
 * re-sends after 3 s): then events are stored for a while, and their 200 costs one insert.
 */
const INLINE_BUDGET = { budgetMs: 1_000, coolDownMs: 5_000 };

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
  // At once: the pool's 10 connections each with a few requests waiting (config: DUCHA_EVENTS_INLINE).
  const inline = createInlineGate({ maxInFlight: deps.config.eventsHandledInline, ...INLINE_BUDGET });
  const events = createEventQueue({
    concurrency: EVENTS_HANDLED_AT_ONCE,
    maxWaiting: EVENTS_WAITING_IN_MEMORY,
    handle: ({ eventId, payload }) => handleStoredEvent(deps, { eventId, attempts: 0, payload }),
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

  /**
   * Handled now when the queue of stored events is empty (so nothing stored earlier is overtaken)
   * and the gate admits it. Otherwise stored, and handled after the 200 from the table. If handling
   * fails nothing was written: it is stored with that failed attempt, and the tick retries it.
   */
  async function handleOrStore(requestId: string, envelope: LarkEnvelope, arriving: ArrivingEvent): Promise<void> {
    const about = { requestId, eventId: arriving.eventId, eventType: arriving.eventType, messageId: arriving.messageId };
    let failed: { attempts: number; lastError: string } | undefined;
    // A photo or file is downloaded before it is handled: never inside the request, where Lark waits 3 s for its 200.
    if (events.idle() && inline.admits() && !carriesResource(envelope)) {
      try {
        const { outcome } = await inline.run(() => handleArrivingEvent(deps, envelope, arriving));
        deps.log.info(outcome === 'duplicate' ? 'duplicate event dropped' : 'event handled', about);
        return;
      } catch (error) {
        deps.log.error('event handling failed', { ...about, error });
        failed = { attempts: 1, lastError: error instanceof Error ? error.message : String(error) };
      }
    }
    const fresh = await recordReceivedEvent(deps.db, { ...arriving, payload: envelope, failed });
    deps.log.info(fresh ? 'event accepted' : 'duplicate event dropped', about);
    if (fresh && !failed) events.submit({ eventId: arriving.eventId, payload: envelope });
  }

  routes.post('/lark/events', tooLarge, async (c) => {
    const outcome = await admit(c);
    if (outcome.kind === 'rejected') return c.json({ error: outcome.error }, outcome.status);
    if (outcome.kind === 'challenge') return c.json({ challenge: outcome.challenge });
    const arriving = { eventId: outcome.eventId, messageId: messageIdOf(outcome.envelope), eventType: outcome.eventType, receivedAt: deps.clock.now() };
    await handleOrStore(c.get('requestId'), outcome.envelope, arriving);
    return c.json({});
  });

  routes.post('/lark/card', tooLarge, async (c) => {
    const outcome = await admit(c);
    if (outcome.kind === 'rejected') return c.json({ error: outcome.error }, outcome.status);
    if (outcome.kind === 'challenge') return c.json({ challenge: outcome.challenge });
    if (outcome.eventType !== 'card.action.trigger') return refuse(c, 'not_a_card_callback');
    // Always handled in the request: the person waits for its toast or redrawn card.
    const arriving = { eventId: outcome.eventId, messageId: null, eventType: outcome.eventType, receivedAt: deps.clock.now() };
    try {
      const { result } = await handleArrivingEvent(deps, outcome.envelope, arriving);
      return c.json(result && typeof result === 'object' ? result : {});
    } catch (error) {
      // The person sees the failure now; Lark does not re-send callbacks, so nothing is left to retry.
      deps.log.error('card action failed', { requestId: c.get('requestId'), eventId: outcome.eventId, error });
      return c.json({ toast: { type: 'error', content: commonTexts.somethingWrong } });
    }
  });

  return routes;
}

/** A message with a photo or file in it (its bytes are fetched from Lark while handling it). */
function carriesResource(envelope: LarkEnvelope): boolean {
  const message = (envelope.event as { message?: { message_type?: unknown; content?: unknown } } | undefined)?.message;
  const type = message?.message_type;
  // A post may carry a photo (sent with a caption); a cheap look suffices, the handler reads it properly.
  return type === 'image' || type === 'file' || (type === 'post' && typeof message?.content === 'string' && message.content.includes('"img"'));
}

function messageIdOf(envelope: LarkEnvelope): string | null {
  const message = (envelope.event as { message?: { message_id?: unknown } } | undefined)?.message;
  return typeof message?.message_id === 'string' ? message.message_id : null;
}
