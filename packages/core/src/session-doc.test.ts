import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../test/support/readme.js';

it('the worked example of SESSION.md prints what SESSION.md says', async () => {
  const { printed, expected } = await runReadmeExample(new URL('../SESSION.md', import.meta.url).pathname);
  expect(printed).toBe(expected);
});
