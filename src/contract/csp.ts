/** The renderer's Content-Security-Policy, sent by the desk's HTTP transport and the centre (both serve the renderer) and set by the Electron window. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src blob:; object-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Directives a <meta http-equiv> policy cannot carry (the browser ignores them there and says so). */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'sandbox'];

/**
 * The same policy as renderer/index.html's meta tag carries it: the page is held to it even where no
 * header reaches it (a file: load before the session hook, a copy opened from disk). A test keeps the
 * two equal.
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split(';')
  .map((d) => d.trim())
  .filter((d) => !HEADER_ONLY.includes(d.split(' ')[0]))
  .join('; ');
