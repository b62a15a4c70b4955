import * as lark from '@larksuiteoapi/node-sdk';
import type { Deps } from '../../deps.js';
import type { Logger } from '../../log.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json-depth.js';
import { resolveLarkDomain } from '../lark-client.js';
import { storablePayload } from '../storable-payload.js';
import type { EventIntake } from '../webhook/event-intake.js';
import type { LarkEnvelope } from '../webhook/webhook-pipeline.js';

/** The SDK's states: idle, connecting, connected, reconnecting, failed (a refusal it does not retry). */
export type ConnectionState = ReturnType<lark.WSClient['getConnectionStatus']>['state'];

export type LongConnection = {
  start(): void;
  /** Ends the connection for good; acks of events still being handled are lost, and Lark sends those again. */
  close(): void;
  state(): ConnectionState;
};

/**
 * LARK_MODE=ws: the SDK's WSClient connects out to Lark, and Lark pushes events and card
 * callbacks over it (both as `event` frames; the SDK drops frames typed `card` without an ack,
 * lark-platform-2.md §1.4). Every pushed envelope goes to the same intake as the webhook's:
 * the SDK acks a message only when its handler returns, and Lark sends again what it did not
 * get acked within 3 s, so an event is handled or stored (deduplicated) before that, a card
 * callback answered with its toast or card, which travels in the ack.
 */
export function openLongConnection(deps: Deps, o: { intake: EventIntake; pingTimeoutSec: number }): LongConnection {
  const { settings } = deps.lark;
  const client = new lark.WSClient({
    appId: settings.appId,
    appSecret: settings.appSecret,
    domain: resolveLarkDomain(settings.domain),
    loggerLevel: lark.LoggerLevel.warn,
    logger: wsLogger(deps.log),
    autoReconnect: true,
    // Without it a connection that dies silently (no FIN, e.g. a NAT forgetting it) is never noticed.
    wsConfig: { pingTimeout: o.pingTimeoutSec },
    onReady: () => deps.log.info('lark long connection open'),
    onReconnecting: () => deps.log.warn('lark long connection lost; reconnecting'),
    onReconnected: () => deps.log.info('lark long connection open again'),
    onError: (error) => deps.log.error('lark long connection failed', { error }),
  });
  const dispatcher = new PushedEnvelopes((data) => takePushed(deps, o.intake, data));
  return {
    start: () => void client.start({ eventDispatcher: dispatcher }).catch((error: unknown) => deps.log.error('lark long connection failed', { error })),
    close: () => client.close({ force: true }),
    state: () => client.getConnectionStatus().state,
  };
}

/**
 * The WSClient hands each pushed envelope to `invoke`: here it goes to Ducha's intake whole,
 * whatever its type, so a handler added to the webhook's dispatcher works over WS unchanged.
 */
class PushedEnvelopes extends lark.EventDispatcher {
  constructor(private readonly take: (data: unknown) => Promise<unknown>) {
    super({ loggerLevel: lark.LoggerLevel.error });
  }

  override invoke(data: unknown): Promise<unknown> {
    return this.take(data);
  }
}

/** Its answer (a card callback's toast or card) goes back in the ack; throwing makes the ack a 500, and Lark sends it again. */
async function takePushed(deps: Deps, intake: EventIntake, data: unknown): Promise<Record<string, unknown> | undefined> {
  const admitted = admitPushedEnvelope(data);
  if (typeof admitted === 'string') {
    // Sending it again would not make it any better: acknowledged, and only logged.
    deps.log.warn('long connection event refused', { code: admitted });
    return undefined;
  }
  const { envelope, eventId, eventType } = admitted;
  const about = { via: 'ws' };
  if (eventType === 'card.action.trigger') return intake.answerCard(about, envelope, eventId);
  await intake.take(about, envelope, eventId, eventType);
  return undefined;
}

/**
 * The webhook pipeline's checks that still mean something here (the connection, opened with the
 * app secret, stands for the signature and token): a v2 envelope with an id and type, not nested
 * deeper than Lark ever does, made fit for Postgres.
 */
function admitPushedEnvelope(data: unknown): { envelope: LarkEnvelope; eventId: string; eventType: string } | 'unsupported_envelope' | 'payload_too_deep' {
  const raw = data as LarkEnvelope | null;
  if (!raw || typeof raw !== 'object' || raw.schema !== '2.0' || !raw.header || !raw.event || typeof raw.event !== 'object') return 'unsupported_envelope';
  const { event_id: eventId, event_type: eventType } = raw.header;
  if (typeof eventId !== 'string' || !eventId || typeof eventType !== 'string' || !eventType) return 'unsupported_envelope';
  if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) return 'payload_too_deep';
  const envelope = storablePayload(raw);
  return { envelope, eventId: envelope.header!.event_id!, eventType: envelope.header!.event_type! };
}

/** The SDK's warnings and errors about the connection, as one line each (its text only: never objects, which may carry request details). */
function wsLogger(log: Logger) {
  const text = (args: unknown) => (Array.isArray(args) ? args : [args]).filter((a) => typeof a === 'string').join(' ');
  return {
    error: (args: unknown) => log.warn('lark long connection: sdk error', { detail: text(args) }),
    warn: (args: unknown) => log.warn('lark long connection: sdk warning', { detail: text(args) }),
    info: () => {},
    debug: () => {},
    trace: () => {},
  };
}
