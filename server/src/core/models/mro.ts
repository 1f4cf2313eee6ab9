// Python's method resolution order (C3 linearization) over the project classes a model derives from:
// it decides which mixin's column or __tablename__ wins, as it does at runtime.
import type { ClassInfo } from './bases';

function merge(sequences: ClassInfo[][]): ClassInfo[] | null {
  const result: ClassInfo[] = [];
  const lists = sequences.map((s) => [...s]).filter((s) => s.length > 0);
  while (lists.length > 0) {
    let head: ClassInfo | undefined;
    for (const list of lists) {
      const candidate = list[0];
      if (candidate && !lists.some((other) => other.indexOf(candidate) > 0)) {
        head = candidate;
        break;
      }
    }
    if (!head) return null;
    result.push(head);
    for (const list of lists) if (list[0] === head) list.shift();
    for (let i = lists.length - 1; i >= 0; i--) if (lists[i]?.length === 0) lists.splice(i, 1);
  }
  return result;
}

/** Top-level results per class: one reading asks for the same class's MRO many times (ClassInfos live for one reading). */
const computed = new WeakMap<ClassInfo, readonly ClassInfo[]>();

/** The class itself first, then its project ancestors in MRO order (depth-first when C3 fails). Read-only: it is shared. */
export function mroOf(info: ClassInfo): readonly ClassInfo[] {
  let mro = computed.get(info);
  if (!mro) computed.set(info, (mro = linearize(info, new Set())));
  return mro;
}

function linearize(info: ClassInfo, seen: Set<ClassInfo>): ClassInfo[] {
  if (seen.has(info)) return [info];
  seen.add(info);
  const parentMros = info.parents.map((p) => linearize(p, new Set(seen)));
  const merged = merge([...parentMros, [...info.parents]]);
  if (merged) return [info, ...merged];
  const fallback: ClassInfo[] = [info];
  for (const mro of parentMros) for (const c of mro) if (!fallback.includes(c)) fallback.push(c);
  return fallback;
}
