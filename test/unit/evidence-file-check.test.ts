import { describe, expect, it } from 'vitest';
import { checkEvidenceFile } from '../../src/domain/evidence/check-evidence-file.js';
import { evidenceStorageKey, isEvidenceStorageKey } from '../../src/db/evidence-store.js';
import { createBucketEvidenceStore } from '../../src/db/evidence-bucket-store.js';
import { matchSubItem, pickerOrder, type FrameworkSubItem } from '../../src/domain/evidence/sub-items.js';
import { parseArchiveArgs } from '../../src/lark/chat/archive-command.js';
import { isDomainError } from '../../src/errors.js';
import { fakeFile } from '../helpers/evidence-upload.js';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  return 'accepted';
};

/** A zip whose entries are an Office document's. */
const ooxml = (folder: string) => Buffer.concat([fakeFile('zip', 64), Buffer.from(`[Content_Types].xml${folder}document.xml`), Buffer.alloc(64)]);

describe('checkEvidenceFile', () => {
  it('takes photos by their bytes: JPEG, PNG, GIF, WebP, HEIC', () => {
    expect(checkEvidenceFile({ kind: 'image', fileName: 'x', bytes: fakeFile('jpeg') }).mimeType).toBe('image/jpeg');
    expect(checkEvidenceFile({ kind: 'image', fileName: 'x', bytes: fakeFile('png') }).extension).toBe('png');
    expect(checkEvidenceFile({ kind: 'image', fileName: 'x', bytes: Buffer.from('GIF89a......') }).extension).toBe('gif');
    expect(checkEvidenceFile({ kind: 'image', fileName: 'x', bytes: Buffer.from('RIFF\0\0\0\0WEBPVP8 ') }).extension).toBe('webp');
    expect(checkEvidenceFile({ kind: 'image', fileName: 'x', bytes: Buffer.from('\0\0\0\x18ftypheic\0\0\0\0') }).extension).toBe('heic');
    expect(refusal(() => checkEvidenceFile({ kind: 'image', fileName: 'a.jpg', bytes: fakeFile('pdf') }))).toBe('evidence_refused');
  });

  it('takes PDF, Office and JPEG/PNG files; refuses zips, executables and empty files', () => {
    const file = (fileName: string, bytes: Uint8Array) => checkEvidenceFile({ kind: 'file', fileName, bytes }).extension;
    expect(file('a.pdf', fakeFile('pdf'))).toBe('pdf');
    expect(file('a.docx', ooxml('word/'))).toBe('docx');
    expect(file('a.xlsx', ooxml('xl/'))).toBe('xlsx');
    expect(file('a.pptx', ooxml('ppt/'))).toBe('pptx');
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]);
    expect(file('a.xls', ole)).toBe('xls');
    expect(file('a.jpg', fakeFile('jpeg'))).toBe('jpg');
    expect(refusal(() => file('a.msg', ole))).toBe('evidence_refused');
    expect(refusal(() => file('a.zip', fakeFile('zip')))).toBe('evidence_refused');
    expect(refusal(() => file('a.pdf', fakeFile('exe')))).toBe('evidence_refused');
    expect(refusal(() => file('a.pdf', new Uint8Array()))).toBe('evidence_refused');
  });

  it('refuses past the limits: photos 10 MB, files 30 MB', () => {
    expect(refusal(() => checkEvidenceFile({ kind: 'image', fileName: 'x', bytes: fakeFile('jpeg', 10 * 1024 * 1024 + 1) }))).toBe('evidence_refused');
    expect(refusal(() => checkEvidenceFile({ kind: 'file', fileName: 'x.pdf', bytes: fakeFile('pdf', 10 * 1024 * 1024 + 1) }))).toBe('accepted');
  });
});

describe('evidence storage keys', () => {
  it('are safe paths, one per message', () => {
    const key = evidenceStorageKey({ schoolId: 3, period: '2026-12', messageId: 'om_../../etc', extension: 'pdf' });
    expect(key).toBe('school-3/2026-12/om_etc.pdf');
    expect(isEvidenceStorageKey(key)).toBe(true);
    expect(isEvidenceStorageKey('../x')).toBe(false);
    expect(isEvidenceStorageKey('/etc/passwd')).toBe(false);
  });
});

describe('sub-items', () => {
  const sub = (code: string, name: string, scoring: FrameworkSubItem['scoring']): FrameworkSubItem => ({ id: Number(code.replace('.', '')), code, name, scoring, guidance: null, itemId: 1, itemName: '大项' });
  const subItems = [sub('1.1', '月报按时填报', 'data'), sub('1.2', '劝返工作台账', 'evidence'), sub('2.1', '安全教育记录', 'evidence'), sub('2.2', '安全检查', 'inspection')];

  it('are matched by code (full-width too) or a unique part of the name', () => {
    expect(matchSubItem(subItems, '2.1').code).toBe('2.1');
    expect(matchSubItem(subItems, '２．１').code).toBe('2.1');
    expect(matchSubItem(subItems, '劝返').code).toBe('1.2');
    expect(refusal(() => matchSubItem(subItems, '安全'))).toBe('ambiguous_sub_item');
    expect(refusal(() => matchSubItem(subItems, '9.9'))).toBe('unknown_sub_item');
  });

  it('offer evidence-scored ones first', () => {
    expect(pickerOrder(subItems).map((s) => s.code)).toEqual(['1.2', '2.1', '1.1', '2.2']);
  });
});

describe('parseArchiveArgs', () => {
  const today = { year: 2026, month: 12 };
  it('reads a school, a sub-item and a month in any order', () => {
    expect(parseArchiveArgs('', today)).toEqual({ names: [] });
    expect(parseArchiveArgs('横渠镇中心小学 2.3 2026-11', today)).toEqual({ names: ['横渠镇中心小学'], code: '2.3', month: '2026-11' });
    expect(parseArchiveArgs('11月 学校 台账', today)).toEqual({ names: ['学校', '台账'], month: '2026-11' });
    expect(parseArchiveArgs('2026-13', today)).toBeUndefined();
    expect(parseArchiveArgs('a b c', today)).toBeUndefined();
  });
});

describe('the bucket evidence store', () => {
  it('puts, gets and deletes under a prefix', async () => {
    const objects = new Map<string, Uint8Array>();
    const bucket = {
      put: async (key: string, value: Uint8Array) => void objects.set(key, value),
      get: async (key: string) => {
        const value = objects.get(key);
        return value ? { arrayBuffer: async () => value.slice().buffer as ArrayBuffer } : null;
      },
      delete: async (key: string) => void objects.delete(key),
    };
    const store = createBucketEvidenceStore(bucket);
    await store.put('school-1/2026-12/om_a.pdf', new Uint8Array([1, 2, 3]));
    expect([...objects.keys()]).toEqual(['evidence/school-1/2026-12/om_a.pdf']);
    expect(await store.get('school-1/2026-12/om_a.pdf')).toEqual(new Uint8Array([1, 2, 3]));
    await store.delete('school-1/2026-12/om_a.pdf');
    expect(await store.get('school-1/2026-12/om_a.pdf')).toBeUndefined();
    await expect(store.put('../x', new Uint8Array())).rejects.toThrow();
  });
});
