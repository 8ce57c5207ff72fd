// Types for comlink's Node adapter, imported by its .mjs path (esbuild does not resolve .mjs
// without the extension, and the package ships only node-adapter.d.ts).
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  export default function nodeEndpoint(nep: unknown): Endpoint;
}
