import { DomainError } from '../../errors.js';
import { evidenceTexts as t } from '../../texts/evidence-texts.js';

export type EvidenceKind = 'image' | 'file';

/** Lark's own image limit is 10 MB; files go to 30 MB, the size Ducha itself can send back. */
export const MAX_EVIDENCE_BYTES: Record<EvidenceKind, number> = { image: 10 * 1024 * 1024, file: 30 * 1024 * 1024 };

export type EvidenceType = { mimeType: string; extension: string };

const OLE_TYPES: Record<string, EvidenceType> = {
  doc: { mimeType: 'application/msword', extension: 'doc' },
  xls: { mimeType: 'application/vnd.ms-excel', extension: 'xls' },
  ppt: { mimeType: 'application/vnd.ms-powerpoint', extension: 'ppt' },
};
const OOXML_TYPES: [folder: string, type: EvidenceType][] = [
  ['word/', { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' }],
  ['xl/', { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' }],
  ['ppt/', { mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx' }],
];
const JPEG: EvidenceType = { mimeType: 'image/jpeg', extension: 'jpg' };
const PNG: EvidenceType = { mimeType: 'image/png', extension: 'png' };
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

const ascii = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/** What an image's bytes are, by their magic numbers: JPEG, PNG, GIF, WebP or HEIC. */
function sniffImage(bytes: Uint8Array): EvidenceType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return { mimeType: 'image/gif', extension: 'gif' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return { mimeType: 'image/webp', extension: 'webp' };
  if (ascii(bytes, 4, 4) === 'ftyp' && HEIF_BRANDS.has(ascii(bytes, 8, 4))) return { mimeType: 'image/heic', extension: 'heic' };
  return undefined;
}

/** Whether `needle` occurs in the bytes between `from` and `to` (ASCII only). */
function contains(bytes: Uint8Array, needle: string, from: number, to: number): boolean {
  const first = needle.charCodeAt(0);
  for (let i = Math.max(0, from); i <= Math.min(bytes.length, to) - needle.length; i++) {
    if (bytes[i] !== first) continue;
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle.charCodeAt(j)) j++;
    if (j === needle.length) return true;
  }
  return false;
}

/**
 * A docx/xlsx/pptx is a zip whose entries name `[Content_Types].xml` and `word/`, `xl/` or `ppt/`:
 * looked for at the start (the first entries) and in the central directory at the end. Any other zip is refused.
 */
function sniffOoxml(bytes: Uint8Array): EvidenceType | undefined {
  const headEnd = Math.min(bytes.length, 64 * 1024);
  const tailStart = Math.max(0, bytes.length - 256 * 1024);
  const has = (needle: string) => contains(bytes, needle, 0, headEnd) || contains(bytes, needle, tailStart, bytes.length);
  if (!has('[Content_Types].xml')) return undefined;
  return OOXML_TYPES.find(([folder]) => has(folder))?.[1];
}

/** What a file's bytes are: PDF, Office (old and new), JPEG or PNG; an old Office file's name says which of the three. */
function sniffFile(bytes: Uint8Array, fileName: string): EvidenceType | undefined {
  if (ascii(bytes, 0, 5) === '%PDF-') return { mimeType: 'application/pdf', extension: 'pdf' };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // The OLE container alone does not say Word, Excel or PowerPoint; its name does, and nothing else is taken.
    return OLE_TYPES[/\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''];
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffOoxml(bytes);
  const image = sniffImage(bytes);
  return image === JPEG || image === PNG ? image : undefined;
}

/**
 * Checks a photo or file before anything of it is stored: its size against the kind's limit, its
 * type by its bytes (never by its name alone). Throws the refusal the person reads.
 */
export function checkEvidenceFile(o: { kind: EvidenceKind; fileName: string; bytes: Uint8Array }): EvidenceType {
  if (o.bytes.length === 0) throw new DomainError('evidence_refused', t.emptyFile);
  if (o.bytes.length > MAX_EVIDENCE_BYTES[o.kind]) throw tooBig(o.kind, o.bytes.length);
  const type = o.kind === 'image' ? sniffImage(o.bytes) : sniffFile(o.bytes, o.fileName);
  if (!type) throw new DomainError('evidence_refused', o.kind === 'image' ? t.imageWrongType : t.fileWrongType);
  return type;
}

/** The refusal for a photo or file over its limit (also said as soon as a download passes it). */
export function tooBig(kind: EvidenceKind, byteLength: number): DomainError {
  const mb = Math.ceil((byteLength / 1024 / 1024) * 10) / 10;
  return new DomainError('evidence_refused', kind === 'image' ? t.imageTooBig(mb) : t.fileTooBig(mb));
}
