import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectAlertDeliveries } from '../../db/queries/select-alert-deliveries';
import { AlertReceiver } from '../../test-support/alert-receiver';
import { setUpTestEngine } from '../../test-support/set-up-test-engine';
import { person } from '../../test-support/test-actors';
import { flakyPipeline } from '../../test-support/test-pipelines';
import { DEFAULT_ALERT_DELIVERY } from './alert-policy';
import { checkWorkerSilence } from './watch-worker-silence';
import { createWebhook } from './webhooks/create-webhook';

// No worker here: the silence is what is tested, and the console's watchdog sends the alert itself.
const t = setUpTestEngine([flakyPipeline]);
const admin = person('admin');
const receiver = new AlertReceiver();
const policy = { ...DEFAULT_ALERT_DELIVERY, consoleUrl: 'http://console.test' };

beforeAll(async () => {
  await receiver.up();
});
afterAll(async () => {
  await receiver.down();
});

const lastBeat = (ago: string) =>
  t.db.db.execute(sql`
    insert into heartbeat_pulse (id, last_beat_at) values (1, now() - ${ago}::interval)
    on conflict (id) do update set last_beat_at = excluded.last_beat_at`);

describe('the no-live-worker alert', () => {
  it('fires once per silence of every worker, delivered by the watchdog without a worker', async () => {
    const { webhook, secret } = await createWebhook(
      t.engine,
      {
        name: 'workers',
        url: receiver.url,
        format: 'generic',
        events: ['no_live_worker'],
        pipelineIds: [],
        stuckAfterMinutes: 30,
        waitingAfterMinutes: 60,
        enabled: true,
      },
      admin,
    );
    expect(secret).toBeTruthy();
    // Installed, never a worker: nothing. A worker beat 10 s ago: alive.
    expect((await checkWorkerSilence(t.engine, policy)).queued).toBe(0);
    await lastBeat('10 seconds');
    expect((await checkWorkerSilence(t.engine, policy)).queued).toBe(0);

    // Silent for two minutes: one alert, sent at once, and no second one while the silence lasts.
    await lastBeat('2 minutes');
    expect(await checkWorkerSilence(t.engine, policy)).toEqual({ queued: 1, attempted: 1 });
    expect(await checkWorkerSilence(t.engine, policy)).toEqual({ queued: 0, attempted: 0 });
    expect(receiver.ofKind('no_live_worker')).toHaveLength(1);
    const [alert] = receiver.ofKind('no_live_worker');
    expect(alert!.json).toMatchObject({ kind: 'no_live_worker' });
    expect((alert!.json.workers as { silentSeconds: number }).silentSeconds).toBeGreaterThanOrEqual(120);
    expect(alert!.json.summary).toMatch(/^No live worker for 1\d\d s: no step runs until a worker is back$/);
    const [delivery] = await selectAlertDeliveries(t.db.db, webhook.id, 10);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 });

    // A worker came back, then went silent again: a new silence, a new alert.
    await lastBeat('90 seconds');
    expect((await checkWorkerSilence(t.engine, policy)).queued).toBe(1);
    expect(receiver.ofKind('no_live_worker')).toHaveLength(2);
  });
});
