import { expect, it } from 'vitest';
import { runReadmeExample } from '../../../test/support/readme.js';

it('the README example prints what the README says', async () => {
  const { printed, expected } = await runReadmeExample(new URL('../README.md', import.meta.url).pathname);
  expect(printed).toBe(expected);
});
