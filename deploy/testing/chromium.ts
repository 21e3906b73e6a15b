/**
 * How the browser tests and the benchmark chart run Debian's Chromium headless. Without the
 * background-networking flags Chromium keeps opening connections that a closed network refuses.
 */

/** Debian's Chromium (never a browser downloaded by a test tool). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Launch flags: headless, as root (no sandbox), and quiet on the network. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
