// A small SQL lexer and cursor, enough to read the DDL statements migrations write by hand.
import { tableKey } from '../../schema/tableKey';

export interface Token {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'punct';
  /** Words upper-cased for keyword checks are compared through `is`; `text` is as written. */
  text: string;
  /** Identifier value: unquoted words lower-cased (PostgreSQL folds them), quoted ones as written. */
  value: string;
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (ch === "'" || ((ch === 'E' || ch === 'e') && sql[i + 1] === "'")) {
      const start = i;
      i += ch === "'" ? 1 : 2;
      let value = '';
      while (i < sql.length) {
        if (sql[i] === "'" && sql[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (sql[i] === "'") {
          i++;
          break;
        } else {
          value += sql[i];
          i++;
        }
      }
      tokens.push({ kind: 'string', text: sql.slice(start, i), value });
    } else if (ch === '"') {
      const start = i;
      i++;
      let value = '';
      while (i < sql.length) {
        if (sql[i] === '"' && sql[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (sql[i] === '"') {
          i++;
          break;
        } else {
          value += sql[i];
          i++;
        }
      }
      tokens.push({ kind: 'quoted', text: sql.slice(start, i), value });
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: match[0], value: match[0].toLowerCase() });
      i += match[0].length;
    } else if (/[0-9]/.test(ch)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(sql.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'number', text: match[0], value: match[0] });
      i += match[0].length;
    } else if (ch === ':' && sql[i + 1] === ':') {
      tokens.push({ kind: 'punct', text: '::', value: '::' });
      i += 2;
    } else {
      tokens.push({ kind: 'punct', text: ch, value: ch });
      i++;
    }
  }
  return tokens;
}

/** Splits a script on semicolons outside quotes, comments and dollar-quoted bodies. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    const dollar = ch === '$' ? /^\$[A-Za-z_0-9]*\$/.exec(sql.slice(i)) : null;
    if (dollar) {
      const end = sql.indexOf(dollar[0], i + dollar[0].length);
      const stop = end === -1 ? sql.length : end + dollar[0].length;
      current += sql.slice(i, stop);
      i = stop;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === ch && sql[j + 1] !== ch)) j += sql[j] === ch ? 2 : 1;
      current += sql.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
    } else if (ch === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
      i++;
    } else {
      current += ch;
      i++;
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

export class Cursor {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  done(): boolean {
    return this.index >= this.tokens.length;
  }

  next(): Token | undefined {
    return this.tokens[this.index++];
  }

  /** True (and consumes) when the next tokens are these keywords/punctuation, case-insensitively. */
  accept(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) {
      const token = this.tokens[this.index + k];
      if (!token || token.kind === 'quoted' || token.kind === 'string' || token.value !== (words[k] as string).toLowerCase()) return false;
    }
    this.index += words.length;
    return true;
  }

  /** An identifier (bare or quoted); with `schema.name`, the last part. */
  identifier(): string | undefined {
    const token = this.peek();
    if (!token || (token.kind !== 'word' && token.kind !== 'quoted')) return undefined;
    this.index++;
    let value = token.value;
    while (this.peek()?.value === '.' && (this.peek(1)?.kind === 'word' || this.peek(1)?.kind === 'quoted')) {
      this.index++;
      value = (this.next() as Token).value;
    }
    return value;
  }

  /** A table name: `t` → "t", `x.t` → the key "x.t" (schema/tableKey.ts; `public.t` is "t"); a database-qualified name keeps its last two parts. */
  tableName(): string | undefined {
    const token = this.peek();
    if (!token || (token.kind !== 'word' && token.kind !== 'quoted')) return undefined;
    this.index++;
    const parts = [token.value];
    while (this.peek()?.value === '.' && (this.peek(1)?.kind === 'word' || this.peek(1)?.kind === 'quoted')) {
      this.index++;
      parts.push((this.next() as Token).value);
    }
    return tableKey(parts[parts.length - 1] as string, parts.length > 1 ? parts[parts.length - 2] : null);
  }

  /** `(a, b, "C")` → names. */
  identifierList(): string[] | undefined {
    if (!this.accept('(')) return undefined;
    const names: string[] = [];
    for (;;) {
      const name = this.identifier();
      if (name === undefined) return undefined;
      names.push(name);
      if (this.accept(')')) return names;
      if (!this.accept(',')) return undefined;
    }
  }

  /** Raw text of tokens up to (not including) a top-level stop word/punct, or the end. */
  until(stops: string[]): string {
    const parts: string[] = [];
    let depth = 0;
    while (!this.done()) {
      const token = this.peek() as Token;
      if (depth === 0 && token.kind !== 'string' && token.kind !== 'quoted' && stops.includes(token.value)) break;
      if (token.value === '(') depth++;
      if (token.value === ')') {
        if (depth === 0) break;
        depth--;
      }
      parts.push(token.text);
      this.index++;
    }
    return joinTokens(parts);
  }

  /** A parenthesised expression's inner text. */
  parenthesized(): string | undefined {
    if (!this.accept('(')) return undefined;
    const text = this.until([]);
    return this.accept(')') ? text : undefined;
  }
}

/** Re-joins token texts with single spaces, except around punctuation where SQL writes none. */
export function joinTokens(parts: string[]): string {
  let out = '';
  for (const part of parts) {
    const tight = out === '' || /[(.:]$/.test(out) || /^[),.:]/.test(part) || (part === '(' && /[A-Za-z0-9_"]$/.test(out));
    out += tight ? part : ` ${part}`;
  }
  return out.replace(/ ,/g, ',');
}
