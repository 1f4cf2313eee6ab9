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
  /**
   * Top-level properties decoded only when first read (a revision's upgrade/downgrade bodies: the
   * graph verbs never look at them). Stored after a tab, which JSON text never holds.
   */
  lazy?: readonly string[];
}

function toJson(value: unknown, file: string, codec: Codec): string {
  const json = codec.structured ? JSON.stringify(value, replacer) : JSON.stringify(value);
  return file === '' ? json : json.split(JSON.stringify(file)).join(FILE_TOKEN);
}

function fromJson(json: string, file: string, codec: Codec): unknown {
  const text = file === '' ? json : json.split(FILE_TOKEN).join(JSON.stringify(file));
  return codec.structured ? JSON.parse(text, reviver) : JSON.parse(text);
}

export function encodeValue(value: unknown, file: string, codec: Codec): string {
  if (!codec.lazy?.length || value === null || typeof value !== 'object') return toJson(value, file, codec);
  const eager: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const deferred: Record<string, unknown> = {};
  for (const key of codec.lazy) {
    if (!(key in eager)) continue;
    deferred[key] = eager[key];
    delete eager[key];
  }
  return `${toJson(eager, file, codec)}\t${toJson(deferred, file, codec)}`;
}

/** Throws on text that is not an encoded value (the caller treats that as a miss). */
export function decodeValue<T>(encoded: string, file: string, codec: Codec): T {
  const tab = codec.lazy?.length ? encoded.indexOf('\t') : -1;
  if (tab < 0) return fromJson(encoded, file, codec) as T;
  const rest = encoded.slice(tab + 1);
  // Cheap sanity check now, so a damaged tail is a miss here rather than an exception later.
  if (!isEncodedObject(rest)) throw new Error('damaged cache entry');
  return decodeSplit<T>(encoded.slice(0, tab), () => rest, file, codec);
}

/** Whether text can be the deferred half of an encoded value. */
export function isEncodedObject(text: string): boolean {
  return text.startsWith('{') && text.endsWith('}');
}

/** An encoded value's eager half and its deferred half (null when it has none). */
export function splitEncoded(encoded: string): [string, string | null] {
  const tab = encoded.indexOf('\t');
  return tab < 0 ? [encoded, null] : [encoded.slice(0, tab), encoded.slice(tab + 1)];
}

/**
 * The value from its eager half; the lazy properties read `deferred()` on first use (a revision's
 * bodies kept in another pack: the graph verbs never look at them). Throws on a damaged eager half.
 */
export function decodeSplit<T>(eager: string, deferred: () => string, file: string, codec: Codec): T {
  const value = fromJson(eager, file, codec) as Record<string, unknown>;
  let loaded: Record<string, unknown> | null = null;
  const load = () => (loaded ??= fromJson(deferred(), file, codec) as Record<string, unknown>);
  for (const key of codec.lazy ?? []) {
    Object.defineProperty(value, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const next = load()[key];
        Object.defineProperty(value, key, { value: next, enumerable: true, configurable: true, writable: true });
        return next;
      },
      set: (next: unknown) => Object.defineProperty(value, key, { value: next, enumerable: true, configurable: true, writable: true }),
    });
  }
  return value as T;
}
