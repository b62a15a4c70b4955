import type { EvidenceStore } from './evidence-store.js';
import { isEvidenceStorageKey } from './evidence-store.js';

/**
 * The few methods of an R2 binding (or an S3-compatible client wrapped alike) the evidence store
 * uses, declared here rather than installing @cloudflare/workers-types (see entry/worker/cloudflare-types.ts).
 */
export interface EvidenceBucket {
  put(key: string, value: Uint8Array, options?: { httpMetadata?: { contentType?: string } }): Promise<unknown>;
  get(key: string): Promise<{ arrayBuffer(): Promise<ArrayBuffer> } | null>;
  delete(key: string): Promise<unknown>;
}

/**
 * The evidence store over a bucket, for Workers (no disk): the EVIDENCE R2 binding in
 * wrangler.toml. Objects sit under `prefix` (default `evidence/`), then the storage key.
 */
export function createBucketEvidenceStore(bucket: EvidenceBucket, options: { prefix?: string } = {}): EvidenceStore {
  const prefix = options.prefix ?? 'evidence/';
  const keyOf = (key: string) => {
    if (!isEvidenceStorageKey(key)) throw new Error(`not an evidence storage key: ${JSON.stringify(key)}`);
    return prefix + key;
  };
  return {
    async put(key, bytes) {
      await bucket.put(keyOf(key), bytes);
    },
    async get(key) {
      const object = await bucket.get(keyOf(key));
      return object ? new Uint8Array(await object.arrayBuffer()) : undefined;
    },
    async delete(key) {
      await bucket.delete(keyOf(key));
    },
  };
}
