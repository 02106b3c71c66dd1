/**
 * Imported first by main.ts: the screen table reads the contract's access lists, which brings the
 * contract's zod schemas into the window. Zod would probe `new Function` while building them, and
 * the window's CSP (no 'unsafe-eval') reports that probe as a violation; jitless skips it. The
 * window never parses with these schemas (the core does), so nothing is slower.
 */
import { config } from 'zod';

config({ jitless: true });
