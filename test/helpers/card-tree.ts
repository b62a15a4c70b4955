import { expect } from 'vitest';
import type { SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';

/** One object in a card's JSON: an element, a behaviour, a form… */
export type CardNode = Record<string, unknown>;

/** Every object in a card (depth first, each before what it holds) that matches. */
export function findNodes(node: unknown, match: (n: CardNode) => boolean, out: CardNode[] = []): CardNode[] {
  if (Array.isArray(node)) {
    for (const child of node) findNodes(child, match, out);
  } else if (node && typeof node === 'object') {
    const record = node as CardNode;
    if (match(record)) out.push(record);
    for (const value of Object.values(record)) findNodes(value, match, out);
  }
  return out;
}

/** The callback behaviours of a card's buttons (`behaviors[].value`), in card order. */
const callbacks = (card: SandboxMessage) => findNodes(card.content, (n) => n.type === 'callback' && 'value' in n);

/** The callback values of every button on a card, in card order. */
export const callbackValues = (card: SandboxMessage): Record<string, unknown>[] => callbacks(card).map((n) => n.value as Record<string, unknown>);

/**
 * The callbacks of a card's main action: its form's submit button when it has a form (a prompt
 * also offers side buttons, such as 「记录一次家访」), else every button it has.
 */
function mainCallbacks(card: SandboxMessage): CardNode[] {
  const submits = findNodes(card.content, (n) => n.form_action_type === 'submit');
  return submits.length > 0 ? submits.flatMap((b) => findNodes(b, (n) => n.type === 'callback' && 'value' in n)) : callbacks(card);
}

/** The callback value of the card's main action (its form's submit, or its one button), as Lark sends it back on a click; the test fails unless there is exactly one. */
export function callbackValue(card: SandboxMessage): Record<string, unknown> {
  const behaviors = mainCallbacks(card);
  expect(behaviors).toHaveLength(1);
  return behaviors[0]!.value as Record<string, unknown>;
}

/** What Ducha's buttons carry: what the click asks, about which round (and school). */
export type CallbackValue = { action?: string; round_id?: number; school_id?: number };

/** For any message: the callback value of its main action (see callbackValue) if it is a card with exactly one, else undefined. */
export function callbackValueIfOne(m: SandboxMessage): CallbackValue | undefined {
  if (m.msg_type !== 'interactive') return undefined;
  const behaviors = mainCallbacks(m);
  return behaviors.length === 1 ? (behaviors[0]!.value as CallbackValue) : undefined;
}
