import { Hono } from 'hono';
import type { SandboxState } from './sandbox-state.js';

/**
 * What arrived at the sandbox, counted as Lark would: for load runs, where fetching every
 * message would cost more than the run. `?reset=1` forgets the arrivals counted so far.
 */
export function createStatsRoutes(state: SandboxState): Hono {
  const routes = new Hono();
  routes.get('/sandbox/stats', (c) => {
    const monitor = state.rateMonitor;
    const busiest = monitor.busiestTarget(1000);
    const stats = {
      requests: monitor.count,
      botMessages: state.botMessages().length,
      // Lark's app limits are per API (send, reply): the busiest one's windows.
      maxPerSecondForApp: monitor.maxForAnyApi(1000),
      maxPerMinuteForApp: monitor.maxForAnyApi(60_000),
      busiestTarget: busiest.target ?? null,
      maxPerSecondForTarget: busiest.max,
      botInfoRequests: state.botInfoRequests,
    };
    if (c.req.query('reset')) monitor.clear();
    return c.json(stats);
  });
  return routes;
}
