/**
 * The frames of Lark's long connection (protobuf `pbbp2.Frame`, proto2, sent as binary WebSocket
 * messages), encoded and decoded by hand: the schema is nine fields, and the fake endpoint needs
 * nothing more (lark-platform-2.md §1.2).
 *
 *   Header { required string key = 1; required string value = 2; }
 *   Frame  { required uint64 SeqID = 1; required uint64 LogID = 2; required int32 service = 3;
 *            required int32 method = 4; repeated Header headers = 5; optional string payloadEncoding = 6;
 *            optional string payloadType = 7; optional bytes payload = 8; optional string LogIDNew = 9; }
 */
export type Frame = {
  seqId: number;
  logId: number;
  service: number;
  /** 0: control (ping, pong); 1: data (an event, or its ack). */
  method: 0 | 1;
  headers: Record<string, string>;
  payload?: Uint8Array;
};

export function encodeFrame(frame: Frame): Uint8Array {
  const out: number[] = [];
  varintField(out, 1, frame.seqId);
  varintField(out, 2, frame.logId);
  varintField(out, 3, frame.service);
  varintField(out, 4, frame.method);
  for (const [key, value] of Object.entries(frame.headers)) {
    const header: number[] = [];
    bytesField(header, 1, utf8(key));
    bytesField(header, 2, utf8(value));
    bytesField(out, 5, Uint8Array.from(header));
  }
  if (frame.payload) bytesField(out, 8, frame.payload);
  return Uint8Array.from(out);
}

/** Throws on a frame that is not one (truncated, or missing a required field), as the SDK's decoder does. */
export function decodeFrame(bytes: Uint8Array): Frame {
  const frame: Partial<Frame> & { headers: Record<string, string> } = { headers: {} };
  for (const { field, value } of readFields(bytes)) {
    if (field === 1) frame.seqId = value as number;
    else if (field === 2) frame.logId = value as number;
    else if (field === 3) frame.service = value as number;
    else if (field === 4) frame.method = value as 0 | 1;
    else if (field === 5) {
      const header = Object.fromEntries(readFields(value as Uint8Array).map((f) => [f.field, text(f.value as Uint8Array)]));
      if (header[1] === undefined || header[2] === undefined) throw new Error('pbbp2: header without key or value');
      frame.headers[header[1]] = header[2];
    } else if (field === 8) frame.payload = value as Uint8Array;
  }
  if (frame.seqId === undefined || frame.logId === undefined || frame.service === undefined || frame.method === undefined) {
    throw new Error('pbbp2: frame without SeqID, LogID, service or method');
  }
  return frame as Frame;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function pushVarint(out: number[], n: number): void {
  let rest = n;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

function varintField(out: number[], field: number, n: number): void {
  pushVarint(out, field << 3);
  pushVarint(out, n);
}

function bytesField(out: number[], field: number, bytes: Uint8Array): void {
  pushVarint(out, (field << 3) | 2);
  pushVarint(out, bytes.length);
  for (const b of bytes) out.push(b);
}

function readFields(bytes: Uint8Array): { field: number; value: number | Uint8Array }[] {
  const fields: { field: number; value: number | Uint8Array }[] = [];
  let at = 0;
  const varint = () => {
    let n = 0;
    for (let scale = 1; ; scale *= 0x80) {
      if (at >= bytes.length) throw new Error('pbbp2: truncated varint');
      const b = bytes[at++]!;
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
    }
  };
  while (at < bytes.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (wire === 0) fields.push({ field, value: varint() });
    else if (wire === 2) {
      const length = varint();
      if (at + length > bytes.length) throw new Error('pbbp2: truncated field');
      fields.push({ field, value: bytes.subarray(at, at + length) });
      at += length;
    } else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else throw new Error(`pbbp2: wire type ${wire}`);
  }
  return fields;
}
