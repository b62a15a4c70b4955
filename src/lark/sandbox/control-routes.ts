import { Hono } from 'hono';
import { z } from 'zod';
import { SettableClock, type Clock } from '../../clock.js';

const clockBody = z.object({ now: z.iso.datetime({ offset: true }) });

/** Sandbox-only handles on the app itself: move its clock, run the scheduler now (`tick`, passed in by the entry). */
export function createSandboxControlRoutes(app: { clock: Clock; tick(): Promise<unknown>; onClockSet?: (now: Date) => void }): Hono {
  const routes = new Hono();
  routes.get('/sandbox/clock', (c) => c.json({ now: app.clock.now().toISOString() }));
  routes.post('/sandbox/clock', async (c) => {
    if (!(app.clock instanceof SettableClock)) return c.json({ error: 'this clock cannot be set' }, 409);
    const parsed = clockBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'expected {"now": "2026-12-01T09:00:00+08:00"}' }, 400);
    app.clock.set(new Date(parsed.data.now));
    app.onClockSet?.(app.clock.now());
    return c.json({ now: app.clock.now().toISOString() });
  });
  routes.post('/sandbox/tick', async (c) => c.json(await app.tick()));
  return routes;
}
