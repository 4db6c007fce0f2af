/**
 * Characters that end or bend a Mermaid statement (quotes close `state "…"`, `:`/`;` cut a transition
 * label short, `{}` open blocks and `%%{…}%%` directives, `#` starts entities and comments), that
 * become HTML or markdown (`<>`, `&`, backticks, backslash-n line breaks), that we use ourselves
 * around guard names (`[]`), or that are control characters. The console renders with
 * securityLevel 'strict', but labels must not depend on the sanitizer to stay intact.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const UNSAFE = /["'`:;{}<>#[\]\\|%&\u0000-\u001f\u007f\u2028\u2029]/g;

/**
 * Mermaid's state lexer treats any line containing `direction TB|BT|LR|RL` as a direction statement,
 * wherever the words appear, so a label saying "change direction LR" would swallow its whole line.
 */
const DIRECTION_STATEMENT = /direction\s+(?=tb|bt|lr|rl)/gi;

/** Turns arbitrary text (a state key, an event type, a guard name) into a label Mermaid keeps as-is. */
export function safeLabel(text: string): string {
  return text.replace(UNSAFE, ' ').replace(DIRECTION_STATEMENT, 'direction-').replace(/\s+/g, ' ').trim();
}
