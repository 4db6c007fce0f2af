import type { ChildProcess } from 'node:child_process';

/** Resolves with the first match of `pattern` in what a child process prints (its stdout must be piped). */
export async function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  let seen = '';
  for await (const chunk of child.stdout!) {
    seen += chunk.toString();
    const match = seen.match(pattern);
    if (match) return match;
  }
  throw new Error(`process ended before printing ${pattern}: ${seen}`);
}
