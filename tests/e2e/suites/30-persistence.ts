/**
 * The corpus outlives the browser and the extension: seeding on start-up and
 * on update must neither duplicate the seeds nor drop what the user added.
 * Each test has its own profile, so the shared browser's corpus is untouched.
 */
import assert from 'node:assert/strict';
import { suite } from '../harness/suite';
import { addUserArticle, assertPopupListsCorpus, expectedSeeds, readPopup } from '../helpers';

export default suite('persistence', [
  {
    name: 'restart keeps five seeds, and the user article (6, not 11)',
    timeoutMs: 60_000,
    async run({ launch }) {
      const driver = await launch();
      assertPopupListsCorpus(await readPopup(driver), false, 'first start');

      await driver.restart();
      assertPopupListsCorpus(await readPopup(driver), false, 'after a restart');

      assert.equal(await addUserArticle(driver), expectedSeeds().length + 1, 'rows after adding the user article');
      assertPopupListsCorpus(await readPopup(driver), true, 'after adding the user article');

      await driver.restart();
      assertPopupListsCorpus(await readPopup(driver), true, 'after a second restart');
    },
  },
  {
    name: 'update (reload) keeps five seeds, and the user article (6, not 11)',
    timeoutMs: 60_000,
    async run({ launch }) {
      const driver = await launch();
      assertPopupListsCorpus(await readPopup(driver), false, 'first start');

      // The browser closes the old version's pages when it updates an extension:
      // proof that an update really happened (reading the page then fails).
      const before = await driver.openExtensionPage('popup.html');
      await driver.reloadExtension();
      const oldPage = await before.evaluate(() => location.href).catch(() => null);
      assert.equal(oldPage, null, 'the extension page of the old version is gone');
      assertPopupListsCorpus(await readPopup(driver), false, 'after an update');

      assert.equal(await addUserArticle(driver), expectedSeeds().length + 1, 'rows after adding the user article');
      await driver.reloadExtension();
      assertPopupListsCorpus(await readPopup(driver), true, 'after an update with the user article');
    },
  },
]);
