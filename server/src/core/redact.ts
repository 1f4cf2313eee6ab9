// Passwords never reach logs or output: every message that may hold a connection string passes through here.

/** Replaces the password of every URL-style connection string in text ("postgresql://u:secret@h" → "postgresql://u:***@h"). */
export function redactSecrets(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):([^@\s]*)@/gi, '$1:***@').replace(/(password\s*[=:]\s*)('[^']*'|"[^"]*"|\S+)/gi, '$1***');
}
