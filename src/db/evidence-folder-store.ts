import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvidenceStore } from './evidence-store.js';
import { isEvidenceStorageKey } from './evidence-store.js';

/**
 * The evidence store on Node: one file per key under `root` (DUCHA_EVIDENCE_DIR, default
 * `.data/evidence`). Written to a temporary name and renamed, so a crash never leaves half a file.
 */
export function createFolderEvidenceStore(root: string): EvidenceStore {
  const base = path.resolve(root);
  const fileOf = (key: string) => {
    if (!isEvidenceStorageKey(key)) throw new Error(`not an evidence storage key: ${JSON.stringify(key)}`);
    return path.join(base, ...key.split('/'));
  };
  return {
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.${Date.now()}.part`;
      await writeFile(temporary, bytes);
      await rename(temporary, file);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(fileOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
