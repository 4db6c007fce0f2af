import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Ids {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. When we are root (containers, CI), run it as the `postgres`
 * system user, creating that user the first time.
 */
export async function postgresUserIds(): Promise<Ids | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async (): Promise<Ids> => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
    return lookup();
  }
}

/** Every parent of `dir` must be traversable by the postgres user, or initdb fails with a cryptic error. */
export async function assertTraversable(dir: string): Promise<void> {
  for (let current = dirname(dir); current !== dirname(current); current = dirname(current)) {
    const stat = await import('node:fs/promises').then((fs) => fs.stat(current));
    if ((stat.mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the 'postgres' user and cannot enter ${current} (mode ${(stat.mode & 0o777).toString(8)}). ` +
          'Move the project, set SIGNALBOX_HOME to a reachable folder, or set DATABASE_URL.',
      );
    }
  }
  await access(dirname(dir), constants.W_OK);
}
