// Workers inherit the page's Content-Security-Policy. A worker loaded from a same-origin URL
// gets its policy from that script's own response headers, which a static host may not send; a
// worker loaded from a blob: URL inherits its creator's policy (the page's <meta> policy
// included). So every worker is started from a one-line blob that imports the real script:
// the policy binds it wherever the app is served. Installed first on the page and in every
// worker that starts workers of its own, so nested workers inherit it too.
const Native = globalThis.Worker;

/** the blob: URL of a one-line script that loads `href` (module or classic worker) */
function loaderUrl(href: string, module: boolean): string {
  const code = module ? `import ${JSON.stringify(href)};` : `importScripts(${JSON.stringify(href)});`;
  return URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
}

class ContainedWorker extends Native {
  constructor(url: string | URL, options?: WorkerOptions) {
    const target = new URL(String(url), self.location.href);
    const local = target.protocol === 'blob:' || target.protocol === 'data:';
    super(local ? url : loaderUrl(target.href, options?.type === 'module'), options);
  }
}

export function containWorkers(): void {
  if (typeof Native === 'function' && globalThis.Worker === Native) globalThis.Worker = ContainedWorker;
}

containWorkers();
