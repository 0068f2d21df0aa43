import { expect, test, type Page } from '@playwright/test';

/**
 * The walking skeleton, seen from the outside: the page finds everything by role,
 * accessible name or data-testid, and waits with web-first assertions on the page's own
 * state (never on wall-clock sleeps).
 */

/** A consumer card: data-testid="consumer-<id>"; this scenario's ids are consumer-N. */
const CARD = /^consumer-consumer-\d+$/;
const PARTITIONS = ['orders-0', 'orders-1', 'orders-2', 'orders-3'];

interface Card {
  id: string;
  status: string;
  phase: string;
  idle: boolean;
  owned: string[];
}

async function cards(page: Page): Promise<Card[]> {
  return page.getByTestId(CARD).evaluateAll((els) =>
    els.map((el) => {
      const d = (el as HTMLElement).dataset;
      return {
        id: (d.testid ?? '').replace(/^consumer-/, ''),
        status: d.status ?? '',
        phase: d.phase ?? '',
        idle: d.idle === 'true',
        owned: (d.owned ?? '').split(' ').filter(Boolean),
      };
    }),
  );
}

async function owners(page: Page): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const p of PARTITIONS) result[p] = (await page.getByTestId(`partition-${p}`).getAttribute('data-owner')) ?? '';
  return result;
}

/** Every partition owned by exactly one live card, and the cards agree with the partitions. */
async function ownershipIsSettled(page: Page): Promise<boolean> {
  const [all, byPartition] = [await cards(page), await owners(page)];
  const claimed = all.flatMap((c) => c.owned.map((p) => [p, c.id] as const));
  if (claimed.length !== PARTITIONS.length) return false;
  return claimed.every(([p, id]) => byPartition[p] === id) && PARTITIONS.every((p) => byPartition[p] !== '');
}

async function waitForStableGroup(page: Page, consumers: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const all = await cards(page);
        const live = all.filter((c) => c.status === 'running');
        const state = await page.getByTestId('group-state').textContent();
        return state === 'Stable' && live.length === consumers && live.every((c) => c.phase === 'stable') && (await ownershipIsSettled(page));
      },
      { timeout: 30_000, message: `a Stable group of ${consumers} consumers owning every partition` },
    )
    .toBe(true);
}

test('first load: two consumers reach Stable, own all four partitions, and the log grows', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Kafka Consumer Groups' })).toBeVisible();
  await expect(page.getByTestId(CARD)).toHaveCount(2);
  await waitForStableGroup(page, 2);
  await expect(page.getByTestId('group-generation')).toHaveText(/^[1-9]\d*$/);

  const byPartition = await owners(page);
  expect(new Set(Object.values(byPartition))).toEqual(new Set(['consumer-1', 'consumer-2']));

  // The producer is alive: log ends grow within a second or two, and virtual time runs.
  const logEnd = async () => Number(await page.getByTestId('partition-orders-0').getAttribute('data-log-end'));
  const clock = await page.getByTestId('virtual-clock').textContent();
  const before = await logEnd();
  await expect.poll(logEnd, { timeout: 3_000 }).toBeGreaterThan(before);
  await expect(page.getByTestId('virtual-clock')).not.toHaveText(clock ?? '');

  await expect(page.getByTestId('event-log')).toContainText('sent JoinGroup');
  // Event times carry milliseconds, so the 1–5 ms network hops between protocol steps show.
  await expect(page.getByTestId('event-log').locator('time').first()).toHaveText(/^\d{2}:\d{2}\.\d{3}$/);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('1');
});

test('five consumers on four partitions: exactly one sits idle, each partition has one owner', async ({ page }) => {
  await page.goto('/?speed=10');
  await waitForStableGroup(page, 2);

  const add = page.getByRole('button', { name: 'Add consumer' });
  for (let i = 0; i < 3; i += 1) await add.click();
  await expect(page.getByTestId(CARD)).toHaveCount(5);

  await waitForStableGroup(page, 5);
  const all = await cards(page);
  expect(all.filter((c) => c.idle)).toHaveLength(1);
  const idle = all.find((c) => c.idle)!;
  expect(idle.owned).toEqual([]);
  await expect(page.getByTestId(`consumer-${idle.id}`)).toHaveAttribute('data-idle', 'true');

  const owned = all.flatMap((c) => c.owned).sort();
  expect(owned).toEqual(PARTITIONS);
});

test('a crashed owner keeps its partitions from everyone until the session timeout', async ({ page }) => {
  // 6000 ms is the broker's group.min.session.timeout.ms; speed 10 makes it 0.6 s of real time.
  await page.goto('/?session.timeout.ms=6000&heartbeat.interval.ms=1000&speed=10');
  await waitForStableGroup(page, 2);

  // Freeze virtual time so each step below is observed exactly.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

  const victim = (await page.getByTestId('partition-orders-0').getAttribute('data-owner'))!;
  const victimCard = page.getByTestId(`consumer-${victim}`);
  const stranded = ((await victimCard.getAttribute('data-owned')) ?? '').split(' ').filter(Boolean);
  expect(stranded.length).toBeGreaterThan(0);
  const survivor = (await cards(page)).find((c) => c.id !== victim)!.id;

  await page.getByRole('button', { name: `Crash ${victim}` }).click();
  await expect(victimCard).toHaveAttribute('data-status', 'crashed');
  await expect(page.getByRole('button', { name: `Restart ${victim}` })).toBeVisible();
  await expect(page.getByTestId(`session-countdown-${victim}`)).toContainText('expelled in');

  // Half the session timeout later, the coordinator still counts the dead member: nobody reads.
  const step = page.getByRole('button', { name: 'Step 1 second' });
  for (let i = 0; i < 3; i += 1) await step.click();
  for (const p of stranded) {
    await expect(page.getByTestId(`partition-${p}`)).toHaveAttribute('data-owner', '');
  }
  await expect(page.getByTestId('group-state')).toHaveText('Stable');

  // Let time run: the session expires, the group rebalances, the survivor takes everything.
  await page.getByRole('button', { name: 'Play' }).click();
  for (const p of stranded) {
    await expect(page.getByTestId(`partition-${p}`)).toHaveAttribute('data-owner', survivor, { timeout: 20_000 });
  }
  await expect(victimCard).toHaveAttribute('data-owned', '');
  await expect(page.getByTestId(`session-countdown-${victim}`)).toHaveCount(0);
  await expect(page.getByTestId('event-log')).toContainText(`${victim} missed its session timeout`);
});

test('a closed owner hands its partitions over at once, long before the session timeout', async ({ page }) => {
  // Speed 1 and the default session.timeout.ms (45 s): only LeaveGroup can make this quick.
  await page.goto('/');
  await waitForStableGroup(page, 2);
  const victim = (await page.getByTestId('partition-orders-0').getAttribute('data-owner'))!;
  const victimCard = page.getByTestId(`consumer-${victim}`);
  const leaving = ((await victimCard.getAttribute('data-owned')) ?? '').split(' ').filter(Boolean);
  const survivor = (await cards(page)).find((c) => c.id !== victim)!.id;

  await page.getByRole('button', { name: `Close ${victim}` }).click();
  for (const p of leaving) {
    await expect(page.getByTestId(`partition-${p}`)).toHaveAttribute('data-owner', survivor, { timeout: 10_000 });
  }
  await expect(victimCard).toHaveAttribute('data-status', 'closed');
  await expect(victimCard).toHaveAttribute('data-owned', '');
  await expect(page.getByRole('button', { name: `Restart ${victim}` })).toBeVisible();
  // Far less than the 45 s of virtual time a crash would have cost.
  const clock = (await page.getByTestId('virtual-clock').textContent()) ?? '';
  const [mm, ss] = clock.split(':').map(Number);
  expect(mm! * 60 + ss!).toBeLessThan(40);
});

test('fits a 1366×768 projector without horizontal scroll', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  await waitForStableGroup(page, 2);
  for (let i = 0; i < 3; i += 1) await page.getByRole('button', { name: 'Add consumer' }).click();
  await expect(page.getByTestId(CARD)).toHaveCount(5);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a long run at top speed keeps the page the same size (nothing piles up)', async ({ page }) => {
  await page.goto('/?speed=50');
  await waitForStableGroup(page, 2);
  for (let i = 0; i < 2; i += 1) await page.getByRole('button', { name: 'Add consumer' }).click();
  await waitForStableGroup(page, 4);
  const elements = () => page.evaluate(() => document.getElementsByTagName('*').length);
  const minutes = async () => Number(((await page.getByTestId('virtual-clock').textContent()) ?? '0').split(':')[0]);
  const start = await minutes();
  const before = await elements();
  // Heartbeats every 3 s of virtual time: at 50× that is hundreds of pulses.
  await expect.poll(minutes, { timeout: 30_000 }).toBeGreaterThanOrEqual(start + 4);
  expect(await elements()).toBeLessThanOrEqual(before + 40);
});
