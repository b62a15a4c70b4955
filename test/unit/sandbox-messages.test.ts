import { describe, expect, it } from 'vitest';
import { SettableClock } from '../../src/clock.js';
import { createActorRoutes } from '../../src/lark/sandbox/actor-routes.js';
import { SandboxState, type SandboxMessage } from '../../src/lark/sandbox/sandbox-state.js';

const fromBot = (state: SandboxState, text: string) =>
  state.add({ chat_id: 'oc_x', chat_type: 'group', msg_type: 'text', content: { text }, text, receive_id_type: 'chat_id', receive_id: 'oc_x', parent_id: null, uuid: null, sender: { type: 'bot' } });
const fromPerson = (state: SandboxState, text: string) =>
  state.add({ chat_id: 'oc_x', chat_type: 'group', msg_type: 'text', content: { text }, text, receive_id_type: null, receive_id: null, parent_id: null, uuid: null, sender: { type: 'user', open_id: 'ou_a' } });

describe('GET /sandbox/messages', () => {
  const state = new SandboxState(new SettableClock(new Date('2026-12-01T00:00:00Z'), { frozen: true }));
  const routes = createActorRoutes(state);
  const texts = async (query: string) =>
    ((await (await routes.request(`/sandbox/messages${query}`)).json()) as { messages: SandboxMessage[] }).messages.map((m) => m.text);
  fromBot(state, 'b1');
  fromPerson(state, 'p1');
  fromBot(state, 'b2');
  fromBot(state, 'b3');

  it("lists the bot's messages, or with all=1 everyone's", async () => {
    expect(await texts('')).toEqual(['b1', 'b2', 'b3']);
    expect(await texts('?all=1')).toEqual(['b1', 'p1', 'b2', 'b3']);
  });

  it('since=N leaves out the first N of the list, so a poller reads each message once', async () => {
    expect(await texts('?since=2')).toEqual(['b3']);
    expect(await texts('?all=1&since=1')).toEqual(['p1', 'b2', 'b3']);
    expect(await texts('?since=3')).toEqual([]);
    expect(await texts('?since=0')).toEqual(['b1', 'b2', 'b3']);
    expect(await texts('?since=x')).toEqual(['b1', 'b2', 'b3']);
  });
});
