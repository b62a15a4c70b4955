import { consoleTexts as t } from '../../../texts/console-texts.js';
import { visibleText } from '../visible-text.js';
import type { ConsoleOutbox, ConsoleOutboxRow } from './console-sources.js';
import { localInputValue, localTime } from './local-time.js';

/** The right pane: the app's clock with a jump to any instant or milestone, and the outbox. */
export function SideView(p: { now: Date; timezone: string; milestones: readonly { label: string; at: Date }[]; outbox: ConsoleOutbox }) {
  const counts = Object.entries(p.outbox.counts) as [keyof typeof t.outboxCounts, number][];
  return (
    <>
      <section class="panel" id="clock-panel" data-now={p.now.toISOString()}>
        <h3>{t.clock}</h3>
        <p class="clock__now">
          {t.clockNow} <strong id="clock-now">{localTime(p.now, p.timezone)}</strong>
        </p>
        <form class="clock__jump" id="jump-form">
          <label>
            {t.jumpTo}
            <input type="datetime-local" name="at" value={localInputValue(p.now, p.timezone)} required />
          </label>
          <button type="submit" class="lk-btn lk-btn--primary">{t.jump}</button>
        </form>
        <h4>{t.milestones}</h4>
        <ul class="milestones">
          {p.milestones.map((m) => (
            <li>
              <button type="button" class={m.at <= p.now ? 'is-past' : ''} data-jump={localInputValue(m.at, p.timezone)}>
                <span>{m.label}</span>
                <time>{localTime(m.at, p.timezone)}</time>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" class="lk-btn" data-tick>{t.runTick}</button>
      </section>
      <section class="panel" id="outbox-panel">
        <h3>{t.outbox}</h3>
        <dl class="outbox__counts">
          {counts.map(([state, n]) => (
            <div class={`outbox__count outbox__count--${state}`} data-state={state}>
              <dt>{t.outboxCounts[state]}</dt>
              <dd>{n}</dd>
            </div>
          ))}
        </dl>
        {p.outbox.waiting.length + p.outbox.dead.length === 0 ? <p class="outbox__empty">{t.outboxEmpty}</p> : null}
        <ul class="outbox__rows">
          {[...p.outbox.waiting, ...p.outbox.dead].map((row) => (
            <OutboxRow row={row} now={p.now} timezone={p.timezone} />
          ))}
        </ul>
      </section>
    </>
  );
}

function OutboxRow({ row, now, timezone }: { row: ConsoleOutboxRow; now: Date; timezone: string }) {
  const state = row.status === 'dead' ? 'dead' : row.status === 'sending' ? 'sending' : row.notBefore > now ? 'held' : 'due';
  const why =
    state === 'dead'
      ? t.deadBecause(row.lastError ?? '')
      : row.attempts > 0 && row.lastError
        ? t.retrying(row.attempts, row.lastError)
        : state === 'held'
          ? t.heldUntil(localTime(row.notBefore, timezone))
          : '';
  return (
    <li class={`outbox__row outbox__row--${state}`}>
      <span class="outbox__kind">{row.kind}</span>
      <span class="outbox__preview">{preview(row)}</span>
      {why ? <span class="outbox__why">{why}</span> : null}
    </li>
  );
}

function preview(row: ConsoleOutboxRow): string {
  try {
    return visibleText(row.msgType, JSON.parse(row.content)).replace(/\s+/g, ' ').slice(0, 60);
  } catch {
    return row.msgType;
  }
}
