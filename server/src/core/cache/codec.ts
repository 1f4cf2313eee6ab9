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
   * Properties decoded only when first read, stored after a tab (which JSON text never holds): a
   * top-level name, or `holder.name` for a property of a top-level object (a revision's
   * `upgrade.ops`: the graph verbs and a replay served from the cache never look at the ops, while
   * the bodies' notes are shown). A nested lazy property must be on every value's holder object.
   */
  lazy?: readonly string[];
}

function toJson(value: unknown, file: string, codec: Codec): string {
  const json = codec.structured ? JSON.stringify(value, replacer) : JSON.stringify(value);
  return file === '' ? json : json.split(JSON.stringify(file)).join(FILE_TOKEN);
}

function fromJson(json: string, file: string, codec: Codec): unknown {
  const text = file === '' ? json : json.replaceAll(FILE_TOKEN, JSON.stringify(file));
  return codec.structured ? JSON.parse(text, reviver) : JSON.parse(text);
}

export function encodeValue(value: unknown, file: string, codec: Codec): string {
  if (!codec.lazy?.length || value === null || typeof value !== 'object') return toJson(value, file, codec);
  const eager: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const deferred: Record<string, unknown> = {};
  for (const key of codec.lazy) {
    const dot = key.indexOf('.');
    if (dot < 0) {
      if (!(key in eager)) continue;
      deferred[key] = eager[key];
      delete eager[key];
      continue;
    }
    const outer = key.slice(0, dot);
    const holder = eager[outer];
    if (holder === null || typeof holder !== 'object' || Array.isArray(holder)) continue;
    // A copy of the holder without the property: the value being written is never changed.
    const { [key.slice(dot + 1)]: moved, ...rest } = holder as Record<string, unknown>;
    deferred[key] = moved;
    eager[outer] = rest;
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
  if (!codec.lazy?.length) return value as T;
  let loaded: Record<string, unknown> | null = null;
  const load = () => (loaded ??= fromJson(deferred(), file, codec) as Record<string, unknown>);
  const own = codec.lazy.filter((key) => !key.includes('.'));
  if (own.length > 0) {
    pendingHalves.set(value, load);
    Object.defineProperties(value, lazyDescriptors(own));
  }
  for (const [outer, names] of nestedKeys(codec.lazy)) {
    const holder = value[outer];
    if (holder === null || typeof holder !== 'object' || Array.isArray(holder)) continue;
    pendingHalves.set(holder, () => {
      const half = load();
      return Object.fromEntries(names.map((name) => [name, half[`${outer}.${name}`]]));
    });
    Object.defineProperties(holder, lazyDescriptors(names));
  }
  return value as T;
}

/** `holder.name` lazy keys, grouped by holder. */
function nestedKeys(keys: readonly string[]): Map<string, string[]> {
  const byHolder = new Map<string, string[]>();
  for (const key of keys) {
    const dot = key.indexOf('.');
    if (dot < 0) continue;
    const outer = key.slice(0, dot);
    byHolder.set(outer, [...(byHolder.get(outer) ?? []), key.slice(dot + 1)]);
  }
  return byHolder;
}

/** Whether `object[key]` is a lazy property not decoded yet (reading it would decode its half). */
export function stillUndecoded(object: object, key: string): boolean {
  return Object.getOwnPropertyDescriptor(object, key)?.get !== undefined && pendingHalves.has(object);
}

/** The decoded value a getter was read on: the receiver itself, or the prototype it was made from (Object.create). */
function ownerOf(receiver: object): object | null {
  let owner: object | null = receiver;
  while (owner !== null && !pendingHalves.has(owner)) owner = Object.getPrototypeOf(owner) as object | null;
  return owner;
}

/** The deferred half of each decoded value whose lazy properties have not all been read yet. */
const pendingHalves = new WeakMap<object, () => Record<string, unknown>>();
const descriptorsByKeys = new Map<string, PropertyDescriptorMap>();

/**
 * One getter and setter per lazy property, shared by every decoded value: thousands of revisions then
 * share one hidden class (per-value closures gave each its own, and every read of an id went slow).
 */
function lazyDescriptors(keys: readonly string[]): PropertyDescriptorMap {
  const name = keys.join('\0');
  let descriptors = descriptorsByKeys.get(name);
  if (!descriptors) {
    descriptors = {};
    for (const key of keys) {
      const settle = (target: object, next: unknown) => {
        Object.defineProperty(target, key, { value: next, enumerable: true, configurable: true, writable: true });
        return next;
      };
      descriptors[key] = {
        enumerable: true,
        configurable: true,
        get(this: object) {
          // The decoded value itself, also when read through an object made from it (Object.create).
          const owner = ownerOf(this);
          if (owner === null) return undefined;
          return settle(owner, (pendingHalves.get(owner) as () => Record<string, unknown>)()[key]);
        },
        set(this: object, next: unknown) {
          settle(this, next);
        },
      };
    }
    descriptorsByKeys.set(name, descriptors);
  }
  return descriptors;
}
