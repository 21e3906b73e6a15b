#!/usr/bin/env -S node --max-semi-space-size=64
// The `liveseg` executable: Node runs the TypeScript sources through tsx (Deno runs them natively).
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
