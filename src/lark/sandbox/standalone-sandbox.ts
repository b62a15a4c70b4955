import { Hono } from 'hono';
import { createActorRoutes } from './actor-routes.js';
import { createPersonFileRoutes } from './person-file-routes.js';
import { createMenuRoutes } from './menu-routes.js';
import { createChatMemberRoutes } from './chat-member-routes.js';
import { createOpenApiRoutes } from './open-api-routes.js';
import { createStatsRoutes } from './stats-routes.js';
import type { SandboxState } from './sandbox-state.js';

/**
 * The Lark sandbox as its own server, for an app that cannot serve it itself: a Worker, or a
 * Node instance configured as a real app. Lark's HTTP API, and the actor routes to speak as a
 * person; the app's events go to `state.appUrl`.
 */
export function createStandaloneSandbox(state: SandboxState): Hono {
  const app = new Hono();
  app.route('/', createOpenApiRoutes(state));
  if (state.longConnection) app.route('/', state.longConnection.routes);
  app.route('/', createActorRoutes(state));
  app.route('/', createPersonFileRoutes(state));
  app.route('/', createMenuRoutes(state));
  app.route('/', createChatMemberRoutes(state));
  app.route('/', createStatsRoutes(state));
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  return app;
}
