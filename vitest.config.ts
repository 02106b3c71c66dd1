import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    // A poll in an end-to-end test waits for a desk's answer, which on a loaded two-core CI machine
    // (two test files, their servers and browsers at once) can take longer than the default 1 s.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 180_000,
  },
});
