/** The popup shows the seeded corpus. */
import assert from 'node:assert/strict';
import { suite } from '../harness/suite';
import { expectedSeeds, readPopup } from '../helpers';

export default suite('popup', [
  {
    name: 'popup lists five seed sources',
    async run({ driver: getDriver }) {
      const driver = await getDriver();
      const state = await readPopup(driver);
      const seeds = expectedSeeds();
      assert.equal(seeds.length, 5, 'seeds/sources.json lists five seeds');
      assert.equal(state.items.length, 5, 'li.source count');
      assert.equal(state.count, '5 sources');
      assert.deepEqual(
        state.items.map((i) => i.outlet),
        seeds.map((s) => s.outlet),
        'outlets, in id order',
      );
      assert.deepEqual(
        state.items.map((i) => i.href),
        seeds.map((s) => s.url),
        'links to the original articles',
      );
      assert.deepEqual(
        state.items.map((i) => i.origin),
        seeds.map(() => 'seed'),
      );
      assert.deepEqual(
        state.items.map((i) => i.title),
        seeds.map((s) => s.title ?? 'untitled'),
        'titles',
      );
      const untitled = state.items.filter((i) => i.untitled).map((i) => i.outlet);
      assert.deepEqual(untitled, ['britbrief.co.uk'], 'only 003 (britbrief.co.uk) is shown as untitled');
    },
  },
]);
