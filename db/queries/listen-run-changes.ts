import type postgres from 'postgres';
import { RUN_CHANGES_CHANNEL, type RunChangedNotice } from './notify-run-changed';

/**
 * LISTENs to run changes on the client's dedicated listen connection. `onListen` runs after every
 * (re)connection: notices sent while the connection was down are lost, so callers resynchronise then.
 */
export async function listenRunChanges(
  sql: postgres.Sql,
  onNotice: (notice: RunChangedNotice) => void,
  onListen: () => void,
): Promise<() => Promise<void>> {
  const meta = await sql.listen(
    RUN_CHANGES_CHANNEL,
    (raw) => {
      let notice: RunChangedNotice;
      try {
        notice = JSON.parse(raw) as RunChangedNotice;
      } catch {
        return;
      }
      onNotice(notice);
    },
    onListen,
  );
  return () => meta.unlisten();
}
