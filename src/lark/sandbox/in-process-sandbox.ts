import { Hono } from 'hono';
import type { Clock } from '../../clock.js';
import { createActorRoutes } from './actor-routes.js';
import { createPersonFileRoutes } from './person-file-routes.js';
import { createMenuRoutes } from './menu-routes.js';
import { createChatMemberRoutes } from './chat-member-routes.js';
import { createSandboxControlRoutes } from './control-routes.js';
import { createConsoleRoutes } from './console/console-routes.js';
import type { ConsoleSources } from './console/console-sources.js';
import { createOpenApiRoutes } from './open-api-routes.js';
import type { SandboxState } from './sandbox-state.js';

export { SandboxState } from './sandbox-state.js';
export { startWsEndpointFake } from './ws-endpoint-fake.js';

/**
 * The Lark sandbox served by the app itself (`npm start` without a Lark app): Lark's HTTP API,
 * the actor routes to speak as a person, handles on the app's clock and scheduler, and the
 * console (a browser page at /) when the entry gives it the roster and outbox to show. The Node
 * entry loads this module only in sandbox mode, so no other runtime carries it.
 */
export function createInProcessSandbox(
  state: SandboxState,
  app: { clock: Clock; tick(): Promise<unknown>; console?: { sources: ConsoleSources; bundleDir: string } },
): Hono {
  const routes = new Hono();
  routes.route('/', createOpenApiRoutes(state));
  // LARK_MODE=ws: where the SDK asks for its long connection (the fake serves the socket on a port of its own).
  if (state.longConnection) routes.route('/', state.longConnection.routes);
  routes.route('/', createActorRoutes(state));
  routes.route('/', createPersonFileRoutes(state));
  routes.route('/', createMenuRoutes(state));
  routes.route('/', createChatMemberRoutes(state));
  routes.route('/', createSandboxControlRoutes({ ...app, onClockSet: (now) => state.notify({ kind: 'clock', now: now.toISOString() }) }));
  if (app.console) routes.route('/', createConsoleRoutes(state, { ...app, ...app.console }));
  return routes;
}
