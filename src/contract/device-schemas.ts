/** Input schemas of the devices and print entries (issue 19); the settings shape is DeviceSettings in results/devices.ts. */
import { z } from 'zod';
import { LOCALES } from '../i18n/locales';
import { id, text, wholeNumber } from './schemas';
import type { DeviceSettings } from './results/devices';
import { PRINT_DOCUMENTS } from '../domain/print-documents';

const bad = 'errors.devices.badSettings';
const copies = wholeNumber('errors.print.copies', 1, 99);
const hostName = z.string({ error: bad }).trim().min(1, { error: 'errors.validation.required' }).max(253).regex(/^[A-Za-z0-9.:[\]-]+$/, { error: bad });
const queueName = z.string({ error: bad }).trim().min(1, { error: 'errors.validation.required' }).max(127).regex(/^[A-Za-z0-9_.@-]+$/, { error: bad });
const devicePath = z.string({ error: bad }).trim().min(1, { error: 'errors.validation.required' }).max(256);

export const printerTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('zpl-tcp'), host: hostName, port: wholeNumber(bad, 1, 65535).default(9100), dpi: z.union([z.literal(203), z.literal(300)], { error: bad }).default(203), copies: copies.default(1) }).strict(),
  z
    .object({
      kind: z.literal('cups'),
      queue: queueName,
      format: z.enum(['pdf', 'zpl'], { error: bad }).default('pdf'),
      media: text(64).regex(/^[A-Za-z0-9_.-]*$/, { error: bad }).optional(),
      server: text(256).optional(),
      options: z.record(z.string().regex(/^[a-z0-9-]{1,40}$/, { error: bad }), z.string().max(80).regex(/^[A-Za-z0-9_.=-]*$/, { error: bad })).optional(),
      copies: copies.default(1),
    })
    .strict(),
]);

export const deviceSettings = z
  .object({
    demo: z.boolean(),
    scanner: z
      .object({
        mode: z.enum(['hid', 'wedge'], { error: bad }),
        hidPath: devicePath.optional(),
        layout: z.enum(['auto', 'honeywell-zebra', 'length-first'], { error: bad }),
        wedge: z
          .object({
            prefix: z.string().max(8, { error: 'errors.validation.tooLong' }),
            suffix: z.enum(['Enter', 'Tab'], { error: bad }),
            interKeyMs: wholeNumber(bad, 5, 500),
            gsSubstitute: z.string().max(1, { error: bad }),
            gsCtrlBracket: z.boolean(),
          })
          .strict(),
      })
      .strict(),
    scale: z
      .object({
        protocol: z.enum(['none', 'hid', 'mt-sics', 'toledo'], { error: bad }),
        port: devicePath.optional(),
        hidPath: devicePath.optional(),
        baudRate: z.union([1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].map((b) => z.literal(b)) as unknown as [z.ZodLiteral<number>, z.ZodLiteral<number>], { error: bad }),
        parity: z.enum(['none', 'even', 'odd'], { error: bad }),
        dataBits: z.union([z.literal(7), z.literal(8)], { error: bad }),
        stopBits: z.union([z.literal(1), z.literal(2)], { error: bad }),
        timeoutMs: wholeNumber(bad, 500, 60_000),
      })
      .strict()
      .refine((s) => !['mt-sics', 'toledo'].includes(s.protocol) || !!s.port, { error: 'errors.devices.noPort', path: ['port'] }),
    printers: z.object(Object.fromEntries(PRINT_DOCUMENTS.map((d) => [d, printerTarget.optional()])) as Record<(typeof PRINT_DOCUMENTS)[number], z.ZodOptional<typeof printerTarget>>).strict(),
  })
  .strict() satisfies z.ZodType<DeviceSettings, unknown>;

export const DEFAULT_DEVICE_SETTINGS: DeviceSettings = {
  demo: false,
  scanner: { mode: 'wedge', layout: 'auto', wedge: { prefix: '', suffix: 'Enter', interKeyMs: 50, gsSubstitute: '', gsCtrlBracket: true } },
  scale: { protocol: 'none', baudRate: 9600, parity: 'none', dataBits: 8, stopBits: 1, timeoutMs: 5000 },
  printers: {},
};

export const printLotLabel = z
  .object({
    lotId: id('lotId'),
    copies: copies.optional(),
    locale: z.enum(LOCALES).optional(),
  })
  .strict();
/** A document to its type's printer: the object it is printed from, in a language (the reader's when none), so many copies (the printer's setting when none). */
const printOptions = { copies: copies.optional(), locale: z.enum(LOCALES).optional() };
export const printSsccLabel = z.object({ packageId: id('packageId'), ...printOptions }).strict();
export const printDeliveryNote = z.object({ shipmentId: id('shipmentId'), ...printOptions }).strict();
export const printCoa = z.object({ lotId: id('lotId'), timeZone: text(64).optional(), ...printOptions }).strict();
export const printRecallReport = z.object({ recallId: id('recallId'), ...printOptions }).strict();
export const printJobRef = z.object({ jobId: id('jobId') }).strict();
export const printLogFilter = z.object({ objectId: id('objectId').optional(), limit: wholeNumber(bad, 1, 500).optional() }).strict();
export const printerRef = z.object({ document: z.enum(PRINT_DOCUMENTS, { error: bad }) }).strict();
export const simulatedScan = z.object({ data: z.string({ error: 'errors.validation.required' }).min(1).max(2048), symbology: z.string().regex(/^(\][A-Za-z][0-9A-Za-z])?$/, { error: bad }).optional() }).strict();

/** `after`: the cursor of the last answer (none: start from now, nothing old); `waitMs`: how long to hold the call for a scan (0: answer at once). */
export const deviceEvents = z.object({ after: wholeNumber(bad, 0, Number.MAX_SAFE_INTEGER).optional(), waitMs: wholeNumber(bad, 0, 20_000).optional() }).strict();

/** Where a scan came from, carried by the command it drives into its audit record. */
export const SCAN_SOURCES = ['hid', 'wedge', 'typed'] as const;
export const scanSource = z.enum(SCAN_SOURCES, { error: 'errors.devices.badScanSource' }).optional();
