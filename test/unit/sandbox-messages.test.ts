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

describe('POST /sandbox/messages', () => {
  const state = new SandboxState(new SettableClock(new Date('2026-12-01T00:00:00Z'), { frozen: true }));
  const routes = createActorRoutes(state);
  const post = (body: unknown) => routes.request('/sandbox/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it("holds people's 1:1 texts without delivering them, each with its own id, so the bot can reply to them", async () => {
    const response = await post({ messages: [{ open_id: 'ou_a', text: '走访5户' }, { open_id: 'ou_b', text: '电话3户' }] });
    expect(response.status).toBe(200);
    const { messages } = (await response.json()) as { messages: { message_id: string }[] };
    expect(new Set(messages.map((m) => m.message_id)).size).toBe(2);
    const held = messages.map((m) => state.find(m.message_id)!);
    expect(held.map((m) => [m.chat_id, m.chat_type, m.text, m.sender])).toEqual([
      ['oc_p2p_ou_a', 'p2p', '走访5户', { type: 'user', open_id: 'ou_a' }],
      ['oc_p2p_ou_b', 'p2p', '电话3户', { type: 'user', open_id: 'ou_b' }],
    ]);
  });

  it.each([[{}], [{ messages: [] }], [{ messages: [{ text: 'x' }] }]])('refuses %j with 400 and what it expects', async (body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('open_id');
  });
});
