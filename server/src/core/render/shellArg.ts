// Text pasted into a terminal from a suggestion (--no-rename ..., restore DIR BACKUP) must stay one
// word: a crafted table name must never run as a command.

/** One shell word, as a POSIX shell reads it back. */
export function shellArg(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
