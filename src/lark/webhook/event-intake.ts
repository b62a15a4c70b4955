import { listUnhandledEvents, recordReceivedEvent, type ArrivingEvent } from '../../db/queries/inbox.js';
import type { Deps } from '../../deps.js';
import { commonTexts } from '../../texts/common-texts.js';
import { createEventQueue } from './event-queue.js';
import { handleArrivingEvent } from './handle-arriving-event.js';
import { createInlineGate } from './inline-gate.js';
import { handleStoredEvent } from './handle-stored-event.js';
import type { LarkEnvelope } from './webhook-pipeline.js';

/** Stored events handled at once: 4 of the pool's 10 connections, the rest stay free for the requests. */
const EVENTS_HANDLED_AT_ONCE = 4;
/** Acknowledged events held in memory to be handled next; more wait in the table (see createEventQueue). */
const EVENTS_WAITING_IN_MEMORY = 200;
/**
 * How long handling an event inside its request may take before Postgres counts as slow (Lark
 * re-sends after 3 s): then events are stored for a while, and their 200 costs one insert.
 */
const INLINE_BUDGET = { budgetMs: 1_000, coolDownMs: 5_000 };

/** Fields that say, in a log line, which delivery this was (a request id, or `via: 'ws'`). */
type About = Record<string, unknown>;

/**
 * What Ducha does with an admitted event or card callback, however it came (a webhook request or
 * the long connection): Lark waits for the answer (a 200, an ack) at most 3 s and sends again
 * what it did not get, so an event is handled or stored before the answer, never after it.
 */
export type EventIntake = {
  /**
   * Resolves once the event is handled or stored (deduplicated in the inbox): then it may be
   * acknowledged. Rejects only when it could not even be stored, so that Lark sends it again.
   */
  take(about: About, envelope: LarkEnvelope, eventId: string, eventType: string): Promise<void>;
  /** Handles a card callback now (the person waits) and gives its answer: a toast and/or a redrawn card. */
  answerCard(about: About, envelope: LarkEnvelope, eventId: string): Promise<Record<string, unknown>>;
};

export function createEventIntake(deps: Deps): EventIntake {
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

  /**
   * Handled now when the queue of stored events is empty (so nothing stored earlier is overtaken)
   * and the gate admits it. Otherwise stored, and handled after the answer from the table. If
   * handling fails nothing was written: it is stored with that failed attempt, and the tick retries it.
   */
  async function take(about: About, envelope: LarkEnvelope, eventId: string, eventType: string): Promise<void> {
    const arriving: ArrivingEvent = { eventId, messageId: messageIdOf(envelope), eventType, receivedAt: deps.clock.now() };
    const logged = { ...about, eventId, eventType, messageId: arriving.messageId };
    let failed: { attempts: number; lastError: string } | undefined;
    // A photo or file is downloaded before it is handled: never before the answer, for which Lark waits 3 s.
    if (events.idle() && inline.admits() && !carriesResource(envelope)) {
      try {
        const { outcome } = await inline.run(() => handleArrivingEvent(deps, envelope, arriving));
        deps.log.info(outcome === 'duplicate' ? 'duplicate event dropped' : 'event handled', logged);
        return;
      } catch (error) {
        deps.log.error('event handling failed', { ...logged, error });
        failed = { attempts: 1, lastError: error instanceof Error ? error.message : String(error) };
      }
    }
    const fresh = await recordReceivedEvent(deps.db, { ...arriving, payload: envelope, failed });
    deps.log.info(fresh ? 'event accepted' : 'duplicate event dropped', logged);
    if (fresh && !failed) events.submit({ eventId, payload: envelope });
  }

  async function answerCard(about: About, envelope: LarkEnvelope, eventId: string): Promise<Record<string, unknown>> {
    // Always handled before the answer: the person waits for its toast or redrawn card.
    const arriving = { eventId, messageId: null, eventType: 'card.action.trigger', receivedAt: deps.clock.now() };
    try {
      const { result } = await handleArrivingEvent(deps, envelope, arriving);
      return result && typeof result === 'object' ? (result as Record<string, unknown>) : {};
    } catch (error) {
      // The person sees the failure now; Lark does not re-send callbacks, so nothing is left to retry.
      deps.log.error('card action failed', { ...about, eventId, error });
      return { toast: { type: 'error', content: commonTexts.somethingWrong } };
    }
  }

  return { take, answerCard };
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
