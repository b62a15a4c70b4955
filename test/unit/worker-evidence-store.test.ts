import { describe, expect, it } from 'vitest';
import type { EvidenceBucket } from '../../src/db/evidence-bucket-store.js';
import { loadWorkerConfig } from '../../src/entry/worker/load-worker-config.js';
import { openInvocation } from '../../src/entry/worker/open-invocation.js';

/** A Worker's settings; the database is never reached (postgres.js connects at the first query). */
const config = loadWorkerConfig({
  DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unused',
  LARK_APP_ID: 'cli_unit_worker',
  LARK_APP_SECRET: 'secret',
  LARK_ENCRYPT_KEY: 'encrypt',
  LARK_VERIFICATION_TOKEN: 'token',
  LARK_DOMAIN: 'http://127.0.0.1:1',
});

/** An R2 binding's few methods, over a Map. */
function memoryBucket(): EvidenceBucket & { objects: Map<string, Uint8Array> } {
  const objects = new Map<string, Uint8Array>();
  return {
    objects,
    async put(key, value) {
      objects.set(key, value.slice());
    },
    async get(key) {
      const bytes = objects.get(key);
      return bytes ? { arrayBuffer: async () => bytes.slice().buffer } : null;
    },
    async delete(key) {
      objects.delete(key);
    },
  };
}

describe('the Worker’s evidence store, from the EVIDENCE binding', () => {
  it('keeps evidence in the bound bucket, under evidence/', async () => {
    const bucket = memoryBucket();
    const invocation = openInvocation(config, { sendBudgetMs: 1000, evidenceBucket: bucket });
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);
    await invocation.deps.evidence!.put('school-1/2026-12/om_1.jpg', bytes);
    expect([...bucket.objects.keys()]).toEqual(['evidence/school-1/2026-12/om_1.jpg']);
    expect(await invocation.deps.evidence!.get('school-1/2026-12/om_1.jpg')).toEqual(bytes);
    await invocation.finish();
  });

  it('has no store without the binding, so uploads get the polite refusal', async () => {
    const invocation = openInvocation(config, { sendBudgetMs: 1000 });
    expect(invocation.deps.evidence).toBeUndefined();
    await invocation.finish();
  });
});
