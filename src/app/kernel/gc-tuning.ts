/**
 * The V8 setting of a process that hosts a station (`lotdesk serve`, the Electron main process,
 * a benchmark). A station's garbage is request-scoped: rows read, an order's lines, a command's
 * result, dead when the call returns. V8's allocation-site pretenuring sometimes decides after a
 * burst (a seed, a 200-line order) that such sites' objects live long and allocates them in the
 * old generation from then on; every young-generation GC then scans them and took ~3 ms instead of
 * ~1 ms, inside one allocation in ten (docs/PERFORMANCE.md, seventh session). Without it, objects
 * that do live long are promoted after surviving two young GCs, as usual.
 *
 * V8 reads this flag each time it weighs pretenuring, so setting it when a station opens takes
 * effect (the Electron main process takes V8 flags only on its own command line, which the user's
 * shortcut starts).
 */
import { setFlagsFromString } from 'node:v8';

/** Idempotent: a process opening several stations (tests, the CLI) sets the same flag again. */
export function tuneGcForStation(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
