// The CLI's one backend opener: the CPU backend, or WebGPU on Dawn — a software adapter is used
// when asked for, with a notice that the CPU is faster there.
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { openBackend } from '../../src/cli/backend.ts';
import { pkOralRequest } from '../../src/bench/cases.ts';

const softwareOnly = !existsSync('/dev/nvidia0') && !existsSync('/dev/dri') && existsSync('/usr/lib/chromium/vk_swiftshader_icd.json');

describe('openBackend', () => {
  test('cpu: the CPU backend with the workers asked for', async () => {
    const b = await openBackend('cpu', { onNotice: () => {}, workers: 1 });
    try {
      expect(b.name).toBe('cpu');
      const res = await b.simulate(pkOralRequest(4));
      expect([...res.status]).toEqual([0, 0, 0, 0]);
    } finally {
      await b.dispose();
    }
  });

  test.runIf(softwareOnly)('webgpu on a machine without a GPU driver: SwiftShader, named in a notice, and it simulates', async () => {
    const notices: string[] = [];
    const b = await openBackend('webgpu', { onNotice: (m) => notices.push(m), cpuFallback: false });
    try {
      expect(b.name).toBe('webgpu');
      expect(notices.join('\n')).toMatch(/software WebGPU adapter .*slower here than --backend cpu/);
      const res = await b.simulate(pkOralRequest(4));
      expect(res.backend).toBe('webgpu');
      expect([...res.status]).toEqual([0, 0, 0, 0]);
    } finally {
      await b.dispose();
    }
  }, 60_000);
});
