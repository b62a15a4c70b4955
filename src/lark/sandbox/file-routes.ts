import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { playFault, takeFault } from './fault-plan.js';
import type { SandboxState } from './sandbox-state.js';

/** Lark's own limit for im.file.create. */
export const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;
const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);

const larkError = (c: Context, code: number, msg: string) => c.json({ code, msg, error: { log_id: 'sandbox' } }, 400);

/**
 * Lark's file upload (POST /open-apis/im/v1/files, multipart: file_type, file_name, file), kept
 * in memory, and a sandbox-only door to read back what was uploaded: GET /sandbox/files/:file_key
 * answers the bytes, with the file's name in `x-file-name` (URI-encoded).
 */
export function addFileRoutes(api: Hono, state: SandboxState): void {
  api.post('/open-apis/im/v1/files', async (c) => {
    const fault = takeFault(state.faults, { receiveId: null, chatId: '', uuid: null, api: 'upload' });
    if (fault) {
      const refused = await playFault(c, fault);
      if (refused) return refused;
    }
    const form = await c.req.formData().catch(() => undefined);
    if (!form) return larkError(c, 234001, 'Invalid request param: expected multipart/form-data.');
    const fileType = form.get('file_type');
    const fileName = form.get('file_name');
    const file = form.get('file');
    if (typeof fileType !== 'string' || !FILE_TYPES.has(fileType)) return larkError(c, 234001, 'Invalid request param: file_type.');
    if (typeof fileName !== 'string' || !fileName.trim()) return larkError(c, 234001, 'Invalid request param: file_name.');
    // A part without a filename is a plain field, not a file: how a bare Buffer arrives.
    if (!file || typeof file === 'string') return larkError(c, 234001, 'Invalid request param: file is not a file.');
    if (file.size === 0) return larkError(c, 234010, "File's size can't be 0.");
    if (file.size > MAX_UPLOAD_BYTES) return larkError(c, 234006, 'The file size exceed the max value.');
    const fileKey = `file_v3_sandbox_${randomBytes(12).toString('hex')}`;
    state.files.set(fileKey, { file_key: fileKey, file_type: fileType, file_name: fileName, bytes: new Uint8Array(await file.arrayBuffer()) });
    return c.json({ code: 0, msg: 'success', data: { file_key: fileKey } });
  });

  api.get('/sandbox/files/:file_key', (c) => {
    const file = state.files.get(c.req.param('file_key'));
    if (!file) return c.json({ error: 'no file with that file_key' }, 404);
    return c.body(file.bytes.slice().buffer as ArrayBuffer, 200, {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(file.file_name),
      'x-file-type': file.file_type,
    });
  });
}
