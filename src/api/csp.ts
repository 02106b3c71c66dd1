/** The renderer's Content-Security-Policy lives in src/contract/csp.ts: the desk and the centre (which serves the same renderer) send it. */
export { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../contract/csp';
