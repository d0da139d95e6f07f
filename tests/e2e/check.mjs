// What the browser tests share: checks that fail with a message, Chromium's flags and launch, the
// screenshot, and the way a test script ends (exit 0, or "FAIL: …" and exit 1).

import { chromium } from "playwright-core";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";

// Debian's Chromium, headless, with nothing that reaches the network on its own.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// A failed check: its message is printed as is.
export class CheckFailed extends Error {}

export function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

export function pass(message) {
  console.log(`ok   ${message}`);
}

export function launch() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}

// Saves a full-page screenshot, creating its folder.
export async function screenshot(page, path) {
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  pass(`screenshot saved to ${path}`);
}

// Runs a test's main function and ends the process with its outcome.
export function finish(main) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err instanceof CheckFailed ? `FAIL: ${err.message}` : `FAIL: unexpected error: ${err.stack || err}`);
      process.exit(1);
    },
  );
}
