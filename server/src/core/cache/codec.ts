// How cached values are written: JSON (JSON.parse is the fastest decoder Node has), with Maps and Sets
// kept when asked, and the entry's own file path replaced by a token so that entries stay small and
// survive a project being moved.
const FILE_TOKEN = JSON.stringify('\u0000file');
const MAP = '\u0000map';
const SET = '\u0000set';

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { [MAP]: [...value] };
  if (value instanceof Set) return { [SET]: [...value] };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (MAP in record) return new Map(record[MAP] as [unknown, unknown][]);
    if (SET in record) return new Set(record[SET] as unknown[]);
  }
  return value;
}

export interface Codec {
  /** Maps and Sets round-trip (slower); off for plain data. */
  structured: boolean;
}

export function encodeValue(value: unknown, file: string, codec: Codec): string {
  const json = codec.structured ? JSON.stringify(value, replacer) : JSON.stringify(value);
  return json.split(JSON.stringify(file)).join(FILE_TOKEN);
}

/** Throws on text that is not an encoded value (the caller treats that as a miss). */
export function decodeValue<T>(encoded: string, file: string, codec: Codec): T {
  const json = encoded.split(FILE_TOKEN).join(JSON.stringify(file));
  return (codec.structured ? JSON.parse(json, reviver) : JSON.parse(json)) as T;
}
