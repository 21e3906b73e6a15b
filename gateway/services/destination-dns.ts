import { lookup } from 'node:dns/promises';
import type { Resolve } from '../../actors/destinations/target.ts';

/**
 * Resolves a destination's host with the system resolver (what fetch itself uses), every address
 * of it: the Node/Deno adapter of the target check, wired in by deploy/cli.
 */
export const systemResolve: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
