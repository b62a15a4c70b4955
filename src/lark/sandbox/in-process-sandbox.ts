import { Hono } from 'hono';
import type { Clock } from '../../clock.js';
import { createActorRoutes } from './actor-routes.js';
import { createPersonFileRoutes } from './person-file-routes.js';
import { createSandboxControlRoutes } from './control-routes.js';
import { createOpenApiRoutes } from './open-api-routes.js';
import type { SandboxState } from './sandbox-state.js';

export { SandboxState } from './sandbox-state.js';

/**
 * The Lark sandbox served by the app itself (`npm start` without a Lark app): Lark's HTTP API,
 * the actor routes to speak as a person, and handles on the app's clock and scheduler. The Node
 * entry loads this module only in sandbox mode, so no other runtime carries it.
 */
export function createInProcessSandbox(state: SandboxState, app: { clock: Clock; tick(): Promise<unknown> }): Hono {
  const routes = new Hono();
  routes.route('/', createOpenApiRoutes(state));
  routes.route('/', createActorRoutes(state));
  routes.route('/', createPersonFileRoutes(state));
  routes.route('/', createSandboxControlRoutes(app));
  return routes;
}
