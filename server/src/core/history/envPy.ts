// Reading env.py statically: the keyword arguments of its `context.configure(...)` calls, which decide
// the version table (versionTable.ts) and what autogenerate compares (project/envFilters.ts).

/**
 * Where a bracketed span that opened just before `from` ends: the index of its closing bracket, with
 * strings and comments skipped. With `stopAtComma`, the scan starts at depth 0 and also stops at a
 * top-level comma (the end of one argument). Runs to the end of the text when nothing closes it.
 */
export function spanEnd(text: string, from: number, stopAtComma = false): number {
  let depth = stopAtComma ? 0 : 1;
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (--depth === 0 && !stopAtComma) return i;
      if (depth < 0) return i;
    } else if (ch === ',' && depth === 0 && stopAtComma) return i;
  }
  return text.length;
}

/**
 * The arguments of each `context.configure(...)` call, with their line and whether it sits in the offline
 * function (`def run_migrations_offline`: the one `--sql` runs) — balanced parentheses, strings skipped.
 */
export function configureCalls(text: string): { args: string; line: number; offline: boolean }[] {
  const calls: { args: string; line: number; offline: boolean }[] = [];
  const start = /\bcontext\.configure\s*\(/g;
  for (let match = start.exec(text); match; match = start.exec(text)) {
    const from = match.index + match[0].length;
    const before = text.slice(0, match.index);
    const enclosing = [...before.matchAll(/^def\s+(\w+)/gm)].pop()?.[1] ?? '';
    calls.push({ args: text.slice(from, spanEnd(text, from)), line: before.split('\n').length - 1, offline: /offline/i.test(enclosing) });
  }
  return calls;
}

/** A keyword argument's value text (up to the next top-level comma), or null when absent. */
export function keyword(args: string, name: string): string | null {
  const found = new RegExp(`(?:^|[,(\\s])${name}\\s*=(?!=)\\s*`).exec(args);
  if (!found) return null;
  const from = found.index + found[0].length;
  return args.slice(from, spanEnd(args, from, true)).trim();
}
