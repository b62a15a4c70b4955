import type { EvidenceBucket } from '../../db/evidence-bucket-store.js';

/**
 * The few Cloudflare Workers types Ducha uses, declared here rather than installing
 * @cloudflare/workers-types, whose globals clash with Node's in one tsconfig.
 */
export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}

export interface ScheduledController {
  readonly scheduledTime: number;
  readonly cron: string;
}

export interface Hyperdrive {
  readonly connectionString: string;
}

/** Vars and secrets are strings; bindings are objects (EVIDENCE: the R2 bucket evidence bytes go in). */
export type WorkerEnv = { HYPERDRIVE?: Hyperdrive; EVIDENCE?: EvidenceBucket } & Record<string, unknown>;
