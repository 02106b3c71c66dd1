/**
 * The one typed error of the devices layer. Its code names what happened at the device (not a
 * programming error), and `key` is the i18n message the desk shows (errors.devices.<code>), so
 * the app layer turns it into an AppError without a table of its own.
 */
export type DeviceErrorCode =
  /** Bytes that are not a report of the expected kind (wrong report id, wrong page, noise). */
  | 'garbage'
  /** A report shorter than its layout says. */
  | 'truncated'
  /** A scan's continuation reports stopped coming. */
  | 'continuationTimeout'
  /** The device went away in the middle of a scan or a reading. */
  | 'unplugged'
  /** No device at that path / no device of that kind found. */
  | 'notFound'
  /** The port could not be opened (busy, permissions). */
  | 'openFailed'
  /** The scale never reported a stable weight in time. */
  | 'notStable'
  /** The scale did not answer at all in time. */
  | 'noAnswer'
  /** The scale is overloaded / below zero. */
  | 'overload'
  | 'underZero'
  /** The scale refused a command (MT-SICS "I": busy or not possible now). */
  | 'refused'
  /** MT-SICS ES / ET / EL: syntax, transmission (parity, framing), logical error. */
  | 'syntaxError'
  | 'transmissionError'
  | 'logicalError'
  /** Toledo frame whose checksum does not add up. */
  | 'checksum'
  /** The device cannot do this (e.g. tare on a HID postal scale). */
  | 'unsupported'
  /** A printer refused the connection / dropped it mid-job / took too long. */
  | 'printerRefused'
  | 'printerDropped'
  | 'printerTimeout'
  /** The CUPS queue does not exist or `lp` failed. */
  | 'printFailed';

export type DeviceErrorParams = Record<string, string | number>;

export class DeviceError extends Error {
  override readonly name = 'DeviceError';
  constructor(
    readonly code: DeviceErrorCode,
    message: string,
    readonly params: DeviceErrorParams = {},
  ) {
    super(message);
  }

  /** The i18n key of the message shown at the desk. */
  get key(): string {
    return `errors.devices.${this.code}`;
  }

  /** Whether trying again (same job, same device) can succeed without someone changing anything. */
  get retryable(): boolean {
    return ['continuationTimeout', 'unplugged', 'notStable', 'noAnswer', 'refused', 'transmissionError', 'checksum', 'printerRefused', 'printerDropped', 'printerTimeout'].includes(this.code);
  }
}
