import { createApp } from '../../app.js';
import { ConfigError } from '../../config.js';
import { schedule } from '../../jobs/schedule.js';
import type { ExecutionContext, ScheduledController, WorkerEnv } from './cloudflare-types.js';
import { loadWorkerConfig, type WorkerConfig } from './load-worker-config.js';
import { openInvocation } from './open-invocation.js';

/** Work after a webhook's answer has the 30 s Cloudflare gives `waitUntil`; keep a margin. */
const AFTER_RESPONSE_SEND_BUDGET_MS = 20_000;
/** A scheduled run may send until shortly before the next minute's run. */
const SCHEDULED_SEND_BUDGET_MS = 50_000;

/** Serves the same Hono app as Node, with the bag opened for this request. */
export async function handleFetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
  const config = configOrProblems(env);
  if (config instanceof ConfigError) {
    console.log(JSON.stringify({ level: 'error', msg: 'invalid configuration', problems: config.problems }));
    return Response.json({ error: 'invalid configuration', problems: config.problems }, { status: 500 });
  }
  const invocation = openInvocation(config, { sendBudgetMs: AFTER_RESPONSE_SEND_BUDGET_MS, evidenceBucket: env.EVIDENCE });
  try {
    return await createApp(invocation.deps).fetch(request);
  } finally {
    ctx.waitUntil(invocation.finish());
  }
}

/** The cron trigger: the same schedule as node-cron runs on Node, then the outbox. */
export async function handleScheduled(controller: ScheduledController, env: WorkerEnv, _ctx: ExecutionContext): Promise<void> {
  const config = configOrProblems(env);
  if (config instanceof ConfigError) throw config;
  const invocation = openInvocation(config, { sendBudgetMs: SCHEDULED_SEND_BUDGET_MS, evidenceBucket: env.EVIDENCE });
  const { deps } = invocation;
  try {
    for (const job of schedule) {
      try {
        await job.run(deps);
      } catch (error) {
        deps.log.error('scheduled job failed', { job: job.name, cron: controller.cron, error });
      }
    }
    deps.outbox.deliverSoon();
  } finally {
    await invocation.finish();
  }
}

function configOrProblems(env: WorkerEnv): WorkerConfig | ConfigError {
  try {
    return loadWorkerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}
