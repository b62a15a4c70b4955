// The ceiling for issue 12: the minimal *correct* webhook on this machine, not shipped. Signature,
// timestamp window, decrypt, token; then one transaction — dedup insert, person lookup, the check-in
// upsert with a revision count, the receipt's outbox row — and 200 only after it commits.
import { createServer } from 'node:http';
import postgres from 'postgres';
import { decryptLarkPayload, isLarkSignatureValid } from '../../src/lark/lark-crypto.js';

export const REFERENCE_SCHEMA = `
  create table if not exists ref_events (event_id text primary key, at timestamptz not null default now());
  create table if not exists ref_people (open_id text primary key, person_id int not null);
  create table if not exists ref_checkins (person_id int not null, period text not null, visits int not null, phone int not null,
    alerts int not null, revisions int not null default 0, at timestamptz not null default now(), primary key (person_id, period));
  create table if not exists ref_outbox (id bigserial primary key, key text unique not null, open_id text not null, body text not null,
    at timestamptz not null default now());`;

const count = (text: string, label: string) => Number(new RegExp(`${label}(\\d+)`).exec(text)?.[1] ?? 0);

/** Listens on `port`; `handled()` is the number of receipts committed. */
export async function startReferenceWebhook(o: { databaseUrl: string; port: number; encryptKey: string; token: string; period: string }) {
  const sql = postgres(o.databaseUrl, { max: 10, onnotice: () => {} });
  await sql.unsafe(REFERENCE_SCHEMA);
  let handled = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const answer = (status: number) => res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      const ts = String(req.headers['x-lark-request-timestamp'] ?? '');
      const nonce = String(req.headers['x-lark-request-nonce'] ?? '');
      const signature = String(req.headers['x-lark-signature'] ?? '');
      if (!isLarkSignatureValid({ timestamp: ts, nonce, signature }, o.encryptKey, raw) || Math.abs(Date.now() / 1000 - Number(ts)) > 300) return answer(401);
      let event: any;
      try {
        event = JSON.parse(decryptLarkPayload(JSON.parse(raw.toString('utf8')).encrypt, o.encryptKey));
      } catch {
        return answer(400);
      }
      if (event.header?.token !== o.token) return answer(401);
      const openId: string = event.event.sender.sender_id.open_id;
      const text: string = JSON.parse(event.event.message.content).text;
      sql
        .begin(async (tx) => {
          const [fresh] = await tx`insert into ref_events (event_id) values (${event.header.event_id}) on conflict do nothing returning event_id`;
          if (!fresh) return;
          const [person] = await tx`select person_id from ref_people where open_id = ${openId}`;
          if (!person) return;
          const [visits, phone, alerts] = [count(text, '走访'), count(text, '电话'), count(text, '新增预警')];
          await tx`insert into ref_checkins (person_id, period, visits, phone, alerts) values (${person.person_id}, ${o.period}, ${visits}, ${phone}, ${alerts})
            on conflict (person_id, period) do update set visits = excluded.visits, phone = excluded.phone, alerts = excluded.alerts,
            revisions = ref_checkins.revisions + 1, at = now()`;
          await tx`insert into ref_outbox (key, open_id, body) values (${`reply:${event.event.message.message_id}`}, ${openId}, ${`已收到：走访${visits} 电话${phone} 预警${alerts}`})`;
          handled++;
        })
        .then(() => answer(200), () => answer(500));
    });
  });
  await new Promise<void>((resolve) => server.listen(o.port, '127.0.0.1', resolve));
  return {
    handled: () => handled,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      // Transactions of requests wrk gave up on may still be running: let them finish.
      await sql.end({ timeout: 5 });
    },
  };
}
