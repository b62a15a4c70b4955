import { handleFetch, handleScheduled } from './worker/worker-handlers.js';

/** Cloudflare Workers: the same app and schedule as Node, over Postgres through Hyperdrive. */
export default { fetch: handleFetch, scheduled: handleScheduled };
