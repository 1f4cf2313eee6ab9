// Reading env.py statically: the keyword arguments of its `context.configure(...)` calls, which decide
// the version table (versionTable.ts) and what autogenerate compares (project/envFilters.ts).

/**
 * The arguments of each `context.configure(...)` call, with their line and whether it sits in the offline
 * function (`def run_migrations_offline`: the one `--sql` runs) — balanced parentheses, strings skipped.
 */
export function configureCalls(text: string): { args: string; line: number; offline: boolean }[] {
  const calls: { args: string; line: number; offline: boolean }[] = [];
  const start = /\bcontext\.configure\s*\(/g;
  for (let match = start.exec(text); match; match = start.exec(text)) {
    let depth = 1;
    let i = match.index + match[0].length;
    let quote: string | null = null;
    for (; i < text.length && depth > 0; i++) {
      const ch = text[i] as string;
      if (quote) {
        if (ch === '\\') i++;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '#') while (i < text.length && text[i] !== '\n') i++;
      else if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
    }
    const before = text.slice(0, match.index);
    const enclosing = [...before.matchAll(/^def\s+(\w+)/gm)].pop()?.[1] ?? '';
    calls.push({ args: text.slice(match.index + match[0].length, i - 1), line: before.split('\n').length - 1, offline: /offline/i.test(enclosing) });
  }
  return calls;
}

/** A keyword argument's value text (up to the next top-level comma), or null when absent. */
export function keyword(args: string, name: string): string | null {
  const found = new RegExp(`(?:^|[,(\\s])${name}\\s*=(?!=)\\s*`).exec(args);
  if (!found) return null;
  let depth = 0;
  let quote: string | null = null;
  let i = found.index + found[0].length;
  const from = i;
  for (; i < args.length; i++) {
    const ch = args[i] as string;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) break;
  }
  return args.slice(from, i).trim();
}
