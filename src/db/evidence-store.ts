/**
 * Where evidence bytes live (the database holds only their metadata, in `evidence`): a folder
 * on Node (evidence-folder-store.ts), an R2/S3-compatible bucket on Workers. Keys are made by
 * evidenceStorageKey: `/`-separated, ASCII letters, digits, `.`, `_`, `-` only.
 */
export type EvidenceStore = {
  /** Writes the bytes under `key`, replacing any there (a re-delivered message writes the same bytes again). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under `key`, or undefined when there are none. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Removes `key`; nothing happens when it is absent. */
  delete(key: string): Promise<void>;
};

const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/** Whether a key is one evidenceStorageKey could have made (no `..`, no absolute path, no odd character). */
export const isEvidenceStorageKey = (key: string): boolean => KEY.test(key) && !key.split('/').some((part) => part === '..' || part === '.');

/**
 * One key per Lark message, so a re-delivered event writes the same object instead of a second:
 * `school-12/2026-12/om_xxx.pdf`. Anything but safe characters in the message id is dropped.
 */
export function evidenceStorageKey(o: { schoolId: number; period: string; messageId: string; extension: string }): string {
  const id = o.messageId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 100) || 'message';
  const extension = o.extension.replace(/[^a-z0-9]/g, '').slice(0, 8) || 'bin';
  return `school-${o.schoolId}/${o.period.replace(/[^0-9-]/g, '')}/${id}.${extension}`;
}
