// The app's Content-Security-Policy, in one place: index.html's <meta> tag, the dev and preview
// servers' headers, public/_headers (for static hosts) and the tests all use this text.
// Only this origin, except the LLM model hosts, which the app contacts only when the user presses
// "Download" in the LLM settings.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // 'unsafe-eval': the engine compiles each model's generated JavaScript (built from the checked
  // expression trees only, never from raw text) and Ajv its schemas with `new Function`; the
  // workers inherit this policy, so it has to allow that. Containment is connect-src's job.
  "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https://huggingface.co https://*.huggingface.co https://*.hf.co https://raw.githubusercontent.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Response headers for every file the app is served from (pages, scripts, workers). */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
