// @ts-check
// `npm test` calls this before anything else: find a Chromium for the browser tests, install one by
// the means this machine has, or stop with one clear message (never a failure per browser test).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium, NO_CHROMIUM_MESSAGE } from './find-chromium.mjs';

/**
 * @typedef {{ label: string; command: string; args: string[]; env?: Record<string, string>; timeoutMs: number }} InstallStep
 * @typedef {{ isRoot: boolean; hasApt: boolean; playwrightCli: string | undefined }} Machine
 * @typedef {{ ok: true; path: string; source: string; installedWith?: string } | { ok: false; message: string }} Outcome
 */

/**
 * The ways this machine can get a Chromium, best first; each is a list of commands run in order.
 * Playwright's installer works wherever its download site is reachable (it gives up quickly when it
 * is not); the distribution's package manager needs root.
 * @param {Machine} machine
 * @returns {{ name: string; steps: InstallStep[] }[]}
 */
export function installPlans(machine) {
  /** @type {{ name: string; steps: InstallStep[] }[]} */
  const plans = [];
  if (machine.playwrightCli) {
    plans.push({
      name: 'npx playwright install chromium',
      steps: [
        {
          label: 'playwright install chromium',
          command: machine.playwrightCli,
          args: ['install', 'chromium'],
          env: { PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT: '20000' },
          timeoutMs: 10 * 60_000,
        },
      ],
    });
  }
  if (machine.isRoot && machine.hasApt) {
    const apt = { DEBIAN_FRONTEND: 'noninteractive' };
    plans.push({
      name: 'apt-get install chromium',
      steps: [
        {
          label: 'apt-get update',
          command: 'apt-get',
          args: ['update', '-qq'],
          env: apt,
          timeoutMs: 5 * 60_000,
        },
        {
          label: 'apt-get install chromium',
          command: 'apt-get',
          args: ['install', '-y', '-qq', 'chromium'],
          env: apt,
          timeoutMs: 10 * 60_000,
        },
      ],
    });
  }
  return plans;
}

/**
 * @param {InstallStep} step
 * @returns {boolean}
 */
function runStep(step) {
  const result = spawnSync(step.command, step.args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...step.env },
    timeout: step.timeoutMs,
    encoding: 'utf8',
  });
  return result.status === 0;
}

/**
 * A browser that is there but cannot start (missing shared libraries) is as good as none.
 * @param {string} path
 */
function starts(path) {
  return spawnSync(path, ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
}

/** @param {string | undefined} playwrightCli @returns {Machine} */
export function thisMachine(playwrightCli) {
  return {
    isRoot: process.getuid?.() === 0,
    hasApt: existsSync('/usr/bin/apt-get'),
    playwrightCli: playwrightCli && existsSync(playwrightCli) ? playwrightCli : undefined,
  };
}

/**
 * @param {{
 *   machine: Machine;
 *   log?: (line: string) => void;
 *   find?: typeof findChromium;
 *   run?: (step: InstallStep) => boolean;
 *   startsOk?: (path: string) => boolean;
 * }} options
 * @returns {Outcome}
 */
export function ensureChromium(options) {
  const { machine, log = () => {}, find = findChromium, run = runStep, startsOk = starts } = options;
  /** @returns {Outcome | undefined} */
  const usable = (/** @type {string | undefined} */ installedWith) => {
    const found = find();
    if (found && 'path' in found && startsOk(found.path)) return { ok: true, ...found, installedWith };
    return undefined;
  };
  const first = find();
  if (first && 'error' in first) return { ok: false, message: `${first.error}.\n${NO_CHROMIUM_MESSAGE}` };
  const ready = usable(undefined);
  if (ready) return ready;
  if (first) log(`${first.path} is there but does not start; installing another Chromium`);

  for (const plan of installPlans(machine)) {
    log(`no usable Chromium: trying \`${plan.name}\``);
    if (!plan.steps.every((step) => run(step))) {
      log(`\`${plan.name}\` did not work here`);
      continue;
    }
    const installed = usable(plan.name);
    if (installed) return installed;
  }
  return { ok: false, message: NO_CHROMIUM_MESSAGE };
}
