import { openLive } from './console';
import { expect, test } from './fixtures';

// These tests pause, fail or fill `feed-sync` (one run per feed at a time), which no other spec
// uses: one after the other, in one worker.
test.describe.configure({ mode: 'serial' });

test('an operator pauses a pipeline, runs queue with their position, and resume releases them in order', async ({
  page,
  seed,
  auth,
  capture,
  unique,
}) => {
  const feed = unique('clinic-north');
  await openLive(page, '/pipelines/feed-sync');
  await page.getByRole('button', { name: 'Pause pipeline…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pause feed-sync?' });
  await expect(dialog).toContainText('no new step of this pipeline starts');
  // The reason is required.
  await dialog.getByRole('button', { name: 'Pause pipeline' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('clinic system down for maintenance');
  await dialog.getByRole('button', { name: 'Pause pipeline' }).click();
  await expect(dialog).toBeHidden();
  const banner = page.getByTestId('pause-banner');
  await expect(banner).toContainText(`Paused by ${auth.operator.email}`);
  await expect(banner).toContainText('clinic system down for maintenance');

  const runs = [];
  for (const n of [1, 2, 3]) {
    runs.push(await seed.startRun('feed-sync', { feed: `${feed}-${n}`, stepDelayMs: 0 }));
  }
  expect(runs.map((run) => run.status)).toEqual(['queued', 'queued', 'queued']);
  await expect(banner.getByRole('link', { name: '3 queued runs' })).toBeVisible();
  await capture(page, 'pipeline-paused');

  await banner.getByRole('link', { name: '3 queued runs' }).click();
  await expect(page).toHaveURL(/status=queued/);
  const rows = page.getByRole('row').filter({ hasText: 'pipeline paused by' });
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole('row').filter({ hasText: runs[0]!.id.slice(0, 8) })).toContainText(
    `#1 of 3 · pipeline paused by ${auth.operator.email}`,
  );
  await capture(page, 'runs-queued');

  await openLive(page, '/');
  const attention = page.getByRole('region', { name: 'Needs attention' });
  await expect(attention).toContainText(`feed-sync paused by ${auth.operator.email}`);

  await openLive(page, '/pipelines/feed-sync');
  await page.getByRole('button', { name: 'Resume' }).click();
  const resume = page.getByRole('dialog', { name: 'Resume feed-sync?' });
  await resume.getByRole('textbox', { name: 'Reason' }).fill('clinic system is back');
  await resume.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByText('3 queued runs released in order.')).toBeVisible();
  await expect(banner).toBeHidden();
  for (const run of runs) await seed.waitForRun(run.id, (r) => r.status === 'succeeded');
  await expect(page.getByRole('button', { name: 'Pause pipeline…' })).toBeVisible();
  await capture(page, 'pipeline-resumed');
});

test('a problem appears, is acknowledged and resolved, reopens on a new failure, and its runs are retried in bulk', async ({
  page,
  seed,
  auth,
  signInAs,
  capture,
  unique,
}) => {
  const feed = unique('clinic-south');
  const failing = await Promise.all(
    [1, 2].map((n) =>
      seed.startRun('feed-sync', { feed: `${feed}-${n}`, simulateOutages: 1, stepDelayMs: 0 }),
    ),
  );
  for (const run of failing) await seed.waitForRun(run.id, (r) => r.status === 'failed');

  await openLive(page, '/problems');
  const row = page.getByRole('row').filter({ hasText: 'FeedUnavailable' });
  await expect(row).toContainText('feed <str> answered <n> after <n> ms');
  await expect(row).toContainText('new');
  await capture(page, 'inbox');
  await row.getByRole('link', { name: /FeedUnavailable/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('FeedUnavailable in fetching');
  await expect(page.getByRole('region', { name: 'What failed' })).toContainText('2 runs failed now');
  await expect(page.getByRole('region', { name: 'Where it fails' }).locator('svg').first()).toBeVisible();
  const problemUrl = page.url();

  await page.getByRole('button', { name: 'Acknowledge…' }).click();
  const ack = page.getByRole('dialog', { name: 'Acknowledge this problem?' });
  await ack.getByRole('textbox', { name: 'Reason' }).fill('calling the clinic');
  await ack.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByText('Problem acknowledged')).toBeVisible();
  await expect(page.getByRole('region', { name: 'What failed' })).toContainText(
    `acknowledged by ${auth.operator.email}`,
  );

  await page.getByRole('button', { name: 'Resolve…' }).click();
  const resolve = page.getByRole('dialog', { name: 'Resolve this problem?' });
  await resolve.getByRole('textbox', { name: 'Reason' }).fill('clinic fixed their gateway');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByText('Problem resolved')).toBeVisible();
  await capture(page, 'problem-resolved');

  // A new failure of the same kind reopens it, live.
  const again = await seed.startRun('feed-sync', { feed: `${feed}-3`, simulateOutages: 1, stepDelayMs: 0 });
  await seed.waitForRun(again.id, (r) => r.status === 'failed');
  await expect(page.getByRole('status').filter({ hasText: 'Reopened' })).toContainText(
    'it failed again after it was resolved',
  );
  await expect(page.getByRole('region', { name: 'What failed' })).toContainText('3 runs failed now');
  await capture(page, 'problem-reopened');

  await openLive(page, '/');
  await expect(
    page
      .getByRole('region', { name: 'Needs attention' })
      .getByRole('link', { name: 'FeedUnavailable in fetching' }),
  ).toBeVisible();

  await openLive(page, problemUrl);
  await page.getByRole('button', { name: 'Retry 3 failed…' }).click();
  const retry = page.getByRole('dialog', { name: 'Retry 3 failed runs?' });
  await retry.getByRole('textbox', { name: 'Reason' }).fill('gateway fixed');
  await retry.getByRole('button', { name: 'Retry 3 runs' }).click();
  await expect(page.getByText('Retried 3 of 3 failed runs')).toBeVisible();
  for (const run of [...failing, again]) await seed.waitForRun(run.id, (r) => r.status === 'succeeded');
  await expect(page.getByRole('region', { name: 'What failed' })).toContainText('0 runs failed now');
  await expect(page.getByRole('button', { name: 'Retry failed runs' })).toBeDisabled();
  await capture(page, 'problem-retried');

  // A viewer sees the problem, not its messages, and cannot triage.
  const viewer = await signInAs('viewer');
  await viewer.page.goto(problemUrl);
  await expect(viewer.page.getByRole('region', { name: 'What failed' })).toContainText(
    'hidden: error messages may quote payload data',
  );
  await expect(viewer.page.getByText(feed)).toHaveCount(0);
  await expect(viewer.page.getByRole('button', { name: 'Acknowledge…' })).toHaveCount(0);
  await expect(viewer.page.getByRole('button', { name: /^Reopen|^Resolve/ })).toHaveCount(0);
  await viewer.context.close();
});

test('a run beyond the concurrency limit of its feed waits queued, says why, and starts when the slot frees', async ({
  page,
  seed,
  capture,
  unique,
}) => {
  const feed = unique('clinic-east');
  // The first sync of the feed holds its only slot until it is cancelled.
  const first = await seed.startRun('feed-sync', { feed, stepDelayMs: 55_000 });
  await seed.waitForAttempt(first.id, (a) => a.step === 'fetch' && a.outcome === 'running');
  const waiting = [
    await seed.startRun('feed-sync', { feed, stepDelayMs: 0 }),
    await seed.startRun('feed-sync', { feed, stepDelayMs: 0 }),
  ];
  expect(waiting.map((run) => run.status)).toEqual(['queued', 'queued']);
  // Another feed is not held up.
  const other = await seed.startRun('feed-sync', { feed: `${feed}-other`, stepDelayMs: 0 });
  await seed.waitForRun(other.id, (r) => r.status === 'succeeded');

  await openLive(page, '/runs?pipeline=feed-sync&status=queued');
  for (const [i, run] of waiting.entries()) {
    await expect(page.getByRole('row').filter({ hasText: run.id.slice(0, 8) })).toContainText(
      `#${i + 1} of 2 · concurrency limit (key ${feed}, 1/1)`,
    );
  }
  await capture(page, 'runs-queued-by-limit');

  await openLive(page, `/runs/${waiting[0]!.id}`);
  await expect(page.getByText(`#1 of 2 · concurrency limit (key ${feed}, 1/1)`)).toBeVisible();
  await capture(page, 'run-queued-by-limit');

  await openLive(page, `/runs/${first.id}`);
  await page.getByRole('button', { name: 'Cancel run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this run?' });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('stuck on a slow clinic');
  await dialog.getByRole('button', { name: 'Confirm cancel' }).click();
  await expect(page.getByText('Run cancelled in fetching')).toBeVisible();
  for (const run of waiting) await seed.waitForRun(run.id, (r) => r.status === 'succeeded');

  await openLive(page, `/runs?pipeline=feed-sync&q=${waiting[1]!.id.slice(0, 8)}`);
  await expect(page.getByRole('row').filter({ hasText: waiting[1]!.id.slice(0, 8) })).toContainText(
    'succeeded',
  );
  await expect(page.getByText('concurrency limit')).toHaveCount(0);
});
