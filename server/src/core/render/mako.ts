// The small part of Mako that Alembic / Flask-Migrate script.py.mako templates use:
// ${name}, ${repr(name)}, ${name | comma,n}, ${a if a else "pass"}, "% if / % elif / % else / % endif",
// "## comments", <%text>...</%text>. Anything else (<% %> blocks, % for) is refused, and the caller
// falls back to Flask-Migrate's standard template.
import { MAKO_PROBLEMS } from './renderNotes';

export type MakoValue = string | null | string[] | boolean;

export type MakoResult = { text: string } | { problem: string };

/** Python's repr() of the values a revision template sees. */
export function pyRepr(value: MakoValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return value.length === 1 ? `(${pyStr(value[0] as string)},)` : `(${value.map(pyStr).join(', ')})`;
  return pyStr(value);
}

/** C0 and C1 control characters and the Unicode line separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A Python string literal, quoted the way repr() picks: the one escaping function for every name written into Python. */
export function pyStr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const body = text
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    // Every other control character (NUL would make the file unimportable) as repr() writes it.
    .replace(CONTROL, (ch) => {
      const code = ch.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .replace(new RegExp(quote, 'g'), `\\${quote}`);
  return `${quote}${body}${quote}`;
}

/** Text for a `#` comment line: a line break or control character in a name must never end the comment. */
export function commentText(text: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return text.replace(CONTROL, (ch) => named[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Text for the body of a """docstring""" (the revision message): a backslash or a run of quotes in the
 * message must never end the docstring early (the rest would run at import). Reads back as the message itself.
 */
export function docstringText(text: string): string {
  return (
    text
      .replace(/\\/g, '\\\\')
      // A lone quote inside is fine; two or more in a row, or one at the end, could close it.
      .replace(/"{2,}|"$/g, (quotes) => quotes.replace(/"/g, '\\"'))
      .replace(CONTROL, (ch) => (ch === '\n' || ch === '\t' ? ch : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`))
  );
}

const truthy = (v: MakoValue | undefined) => v !== null && v !== undefined && v !== false && v !== '' && !(Array.isArray(v) && v.length === 0);

function str(value: MakoValue | undefined): string {
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return pyRepr(value);
  return value;
}

class Evaluator {
  constructor(private readonly vars: Record<string, MakoValue>) {}

  /** Evaluates one ${...} expression to a value; throws on syntax outside the subset. */
  value(expr: string): MakoValue {
    const text = expr.trim();
    const ternary = /^(.+?)\s+if\s+(.+?)\s+else\s+(.+)$/.exec(text);
    if (ternary) return this.condition(ternary[2] as string) ? this.value(ternary[1] as string) : this.value(ternary[3] as string);
    const literal = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')$/.exec(text);
    if (literal) return (literal[1] ?? literal[2] ?? '').replace(/\\(.)/g, '$1');
    const repr = /^repr\(\s*([A-Za-z_]\w*)\s*\)$/.exec(text);
    if (repr) return pyRepr(this.variable(repr[1] as string));
    if (/^[A-Za-z_]\w*$/.test(text)) return this.variable(text);
    throw new Error(MAKO_PROBLEMS.unsupportedExpression(text));
  }

  condition(expr: string): boolean {
    const text = expr.trim().replace(/:$/, '').trim();
    const not = /^not\s+(.+)$/.exec(text);
    if (not) return !this.condition(not[1] as string);
    return truthy(this.value(text));
  }

  /** ${expr | filters}: comma joins a tuple with ", "; n turns default filters off; h escapes HTML. */
  substitute(inner: string): string {
    const [expr, filterText] = splitFilters(inner);
    const value = this.value(expr);
    const filters = filterText ? filterText.split(',').map((f) => f.trim()) : [];
    let out: string;
    if (filters.includes('comma')) out = Array.isArray(value) ? value.join(', ') : value === null ? '' : str(value);
    else out = str(value);
    for (const f of filters) {
      if (f === 'h') out = out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
      else if (f !== 'comma' && f !== 'n' && f !== 'trim' && f !== 'str') throw new Error(MAKO_PROBLEMS.unsupportedFilter(f));
      if (f === 'trim') out = out.trim();
    }
    return out;
  }

  private variable(name: string): MakoValue {
    if (!(name in this.vars)) throw new Error(MAKO_PROBLEMS.unknownVariable(name));
    return this.vars[name] as MakoValue;
  }
}

/** Splits `expr | a,b` at a top-level pipe (not one inside quotes). */
function splitFilters(inner: string): [string, string | null] {
  let quote: string | null = null;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i] as string;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '|') return [inner.slice(0, i), inner.slice(i + 1)];
  }
  return [inner, null];
}

function substituteLine(line: string, ev: Evaluator): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const start = line.indexOf('${', i);
    if (start < 0) {
      out += line.slice(i);
      break;
    }
    out += line.slice(i, start);
    let depth = 0;
    let end = -1;
    let quote: string | null = null;
    for (let j = start + 2; j < line.length; j++) {
      const ch = line[j] as string;
      if (quote) {
        if (ch === '\\') j++;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '{') depth++;
      else if (ch === '}') {
        if (depth === 0) {
          end = j;
          break;
        }
        depth--;
      }
    }
    if (end < 0) throw new Error(MAKO_PROBLEMS.unterminated);
    out += ev.substitute(line.slice(start + 2, end));
    i = end + 1;
  }
  return out;
}

interface Branch {
  /** Whether the enclosing blocks are all active. */
  parentActive: boolean;
  /** Whether some branch of this if-chain was taken already. */
  taken: boolean;
  active: boolean;
}

export function renderMako(template: string, vars: Record<string, MakoValue>): MakoResult {
  const ev = new Evaluator(vars);
  const out: string[] = [];
  const stack: Branch[] = [];
  const active = () => stack.every((b) => b.active);
  try {
    if (/<%(?!text>|\/text>)/.test(template.replace(/<\/%text>/g, ''))) return { problem: MAKO_PROBLEMS.blocks };
    // A backslash ending a template line joins the next one (Mako's line continuation), before any substitution.
    const lines = template.replace(/\\\n/g, '').split('\n');
    let inText = false;
    for (const raw of lines) {
      if (inText) {
        const close = raw.indexOf('</%text>');
        if (close >= 0) {
          if (active()) out.push(raw.slice(0, close) + raw.slice(close + 8));
          inText = false;
        } else if (active()) out.push(raw);
        continue;
      }
      const control = /^\s*%(?!%)\s*(\w+)(.*)$/.exec(raw);
      if (control) {
        const [, word, rest] = control as unknown as [string, string, string];
        if (word === 'if') {
          const parentActive = active();
          const take = parentActive && ev.condition(rest);
          stack.push({ parentActive, taken: take, active: take });
        } else if (word === 'elif' || word === 'else') {
          const top = stack[stack.length - 1];
          if (!top) return { problem: MAKO_PROBLEMS.withoutIf(word) };
          const take = top.parentActive && !top.taken && (word === 'else' || ev.condition(rest));
          top.active = take;
          top.taken ||= take;
        } else if (word === 'endif') {
          if (!stack.pop()) return { problem: MAKO_PROBLEMS.endifWithoutIf };
        } else {
          return { problem: MAKO_PROBLEMS.unsupportedControl(word) };
        }
        continue;
      }
      if (/^\s*##/.test(raw)) continue;
      if (!active()) continue;
      const open = raw.indexOf('<%text>');
      if (open >= 0) {
        const close = raw.indexOf('</%text>', open);
        if (close >= 0) out.push(substituteLine(raw.slice(0, open), ev) + raw.slice(open + 7, close) + substituteLine(raw.slice(close + 8), ev));
        else {
          out.push(substituteLine(raw.slice(0, open), ev) + raw.slice(open + 7));
          inText = true;
        }
        continue;
      }
      // "%%" opening a line is an escaped "%".
      out.push(substituteLine(raw.replace(/^(\s*)%%/, '$1%'), ev));
    }
    if (stack.length > 0) return { problem: MAKO_PROBLEMS.ifWithoutEndif };
    return { text: out.join('\n') };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}
