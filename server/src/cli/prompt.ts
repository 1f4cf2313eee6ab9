// Asking in a terminal, as Django's makemigrations does: only when stdin and stderr are both a TTY
// (stdout may be piped: it carries the revision's path). Without a TTY there is nobody to ask.
import { createInterface } from 'node:readline/promises';

export type Ask = (question: string) => Promise<string | null>;

/** A question-asker on the terminal, or null when there is none. */
export function terminalAsk(): Ask | null {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return null;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    try {
      return await rl.question(question);
    } catch {
      return null; // Ctrl-D / closed input: the default
    } finally {
      rl.close();
      // readline leaves the TTY stream flowing, which would keep the process alive after the last question.
      process.stdin.pause();
    }
  };
}
