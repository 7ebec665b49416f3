// Each test tier writes its counts to test-output/results/<tier>.json; scripts/test-summary.mjs adds them up.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TEST_OUTPUT_DIR } from './paths';

export interface TierResult {
  passed: number;
  failed: number;
  seconds?: number;
}

export function writeResult(tier: string, result: TierResult): void {
  const dir = path.join(TEST_OUTPUT_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${tier}.json`), JSON.stringify(result) + '\n');
}
