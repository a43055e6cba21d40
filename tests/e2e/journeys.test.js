// The journeys a candidate makes, with the keyboard only, on a phone and on a desktop, with and
// without JavaScript: search by what and where (with the place autocomplete when scripts run),
// refine with a filter, sort by date, go to the next page, switch to English, open a course.
// Each step checks what changed (URL parameters, result counts, headings, where the focus is).
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { PHONE, DESKTOP, startServer, launchBrowser } = require('./support');
const { tabTo, pressAndLoad, focused } = require('./keyboard');

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

// "82 formations" / "1 course" / "Aucune formation": the number in the results header.
async function resultCount(page) {
  const text = (await page.locator('.t-results-header__count').textContent()).trim();
  const m = /^(\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

// Types `text` in the focused place field and waits for the suggestions for all of it: typing
// slower than the field's pause (a loaded machine) first shows those for the first letters.
async function typePlace(page, text) {
  await page.keyboard.type(text);
  await page.locator(`#where-listbox[data-suggested-for="${text}"]`).waitFor({ state: 'visible' });
}

function params(page) {
  return new URL(page.url()).searchParams;
}

// The "next session" dates of the cards of each list, as yyyymmdd numbers (cards without a
// date are left out): "1er février 2027", "1 February 2027".
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre',
  'octobre', 'novembre', 'décembre', 'january', 'february', 'march', 'april', 'may', 'june', 'july',
  'august', 'september', 'october', 'november', 'december'];
async function cardDates(page) {
  const lists = await page.locator('ol.t-results').evaluateAll((ols) =>
    ols.map((ol) => Array.from(ol.querySelectorAll('.t-card__meta-item--date strong'), (s) => s.textContent)));
  return lists.map((texts) => texts.map((t) => {
    const m = /^(\d+)(?:er)? (\S+) (\d{4})$/.exec(t.trim().toLowerCase());
    assert.ok(m, `unexpected date ${t}`);
    const month = MONTHS.indexOf(m[2]) % 12 + 1;
    assert.ok(month > 0, `unknown month in ${t}`);
    return Number(m[3]) * 10000 + month * 100 + Number(m[1]);
  }));
}

// Records the documents the page starts loading, to prove that a key press did not leave the page.
function watchNavigations(page) {
  const seen = [];
  const listener = (request) => { if (request.isNavigationRequest()) seen.push(request.url()); };
  page.on('request', listener);
  return { seen, stop: () => page.off('request', listener) };
}

async function candidateJourney({ viewport, js }) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: js });
  const page = await context.newPage();
  try {
    await page.goto(`${server.origin}/`);

    // The first Tab reaches the skip link to the content.
    assert.match(await tabTo(page, '.t-skiplinks__link', { max: 1 }), /Aller au contenu/);

    // Search by what and where.
    await tabTo(page, '#q');
    await page.keyboard.type('développeur');
    await tabTo(page, '#where', { max: 1 });
    if (js) {
      // The place autocomplete: suggestions appear, arrows move, Enter chooses without submitting.
      await typePlace(page, 'pari');
      const listbox = page.locator('#where-listbox');
      assert.equal(await page.getAttribute('#where', 'aria-expanded'), 'true');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.getAttribute('#where', 'aria-activedescendant'), 'where-listbox-0');
      assert.equal(await page.getAttribute('#where-listbox-0', 'aria-selected'), 'true');
      const label = (await page.locator('#where-listbox-0 .t-combobox__label').textContent()).trim();
      assert.equal(label, 'Paris (75)');
      await page.keyboard.press('Enter');
      await listbox.waitFor({ state: 'hidden' });
      assert.equal(await page.inputValue('#where'), 'Paris (75)');
      assert.equal(new URL(page.url()).pathname, '/', 'choosing a place must not submit the form');
      assert.equal((await focused(page)).description.startsWith('<input#where'), true);
    } else {
      await page.keyboard.type('Paris');
    }
    await pressAndLoad(page, 'Enter');
    assert.equal(new URL(page.url()).pathname, '/formations');
    assert.equal(params(page).get('q'), 'développeur');
    assert.equal(params(page).get('where'), js ? '75056' : 'Paris');
    const total = await resultCount(page);
    assert.ok(total > 20, `a search with several pages of results, got ${total}`);
    assert.match(await page.title(), new RegExp(`^${total} formations autour de Paris \\(75\\)`));
    assert.equal(await page.inputValue('#where'), 'Paris (75)');
    assert.equal(await page.inputValue('#q'), 'développeur');
    assert.equal(await page.locator('ol.t-results > li').count(), 20);

    // Refine with a filter. The filters are open on wide screens (scripts open them) and a
    // disclosure to open elsewhere.
    const details = page.locator('details.t-filters__details');
    const open = await details.evaluate((d) => d.open);
    assert.equal(open, js && viewport === DESKTOP);
    if (!open) {
      await tabTo(page, 'summary.t-filters__summary');
      await page.keyboard.press('Enter');
      assert.equal(await details.evaluate((d) => d.open), true);
    }
    await tabTo(page, '#f-family-development');
    const labelText = await page.locator('label[for="f-family-development"]').textContent();
    const expected = Number(/\((\d+)\)/.exec(labelText)[1]);
    assert.ok(expected < total && expected > 20, `the family filter narrows to ${expected} of ${total}`);
    await page.keyboard.press('Space');
    assert.equal(await page.isChecked('#f-family-development'), true);
    await tabTo(page, '.t-filters__actions button[type="submit"]');
    await pressAndLoad(page, 'Enter');
    assert.equal(params(page).get('family'), 'development');
    assert.equal(params(page).get('q'), 'développeur');
    assert.equal(new URL(page.url()).hash, '#resultats');
    assert.equal(await resultCount(page), expected, 'the count is the one the filter promised');
    const tags = page.locator('.t-tags .t-tag');
    assert.equal(await tags.count(), 1);
    assert.match(await tags.first().textContent(), /Développement/);
    assert.match(await page.locator('summary.t-filters__summary').textContent(), /1 filtre actif/);
    // Open with the filters applied, except on phones where scripts fold them away.
    assert.equal(await details.evaluate((d) => d.open), !(js && viewport === PHONE));
    // The focus starts again from the results header, not from the top of the page.
    await tabTo(page, '#sort', { max: 1 });

    // Change the sort: arrows choose an option without leaving the page; the button applies it.
    const navigations = watchNavigations(page);
    for (let i = 0; i < 3 && (await page.inputValue('#sort')) !== 'start'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    assert.equal(await page.inputValue('#sort'), 'start');
    await tabTo(page, '.t-sort button[type="submit"]', { max: 1 });
    navigations.stop();
    assert.deepEqual(navigations.seen, [], 'choosing an option must not reload the page');
    await pressAndLoad(page, 'Enter');
    assert.equal(params(page).get('sort'), 'start');
    assert.equal(params(page).get('family'), 'development');
    assert.equal(new URL(page.url()).hash, '#resultats');
    assert.equal(await resultCount(page), expected);
    for (const dates of await cardDates(page)) {
      assert.deepEqual(dates, [...dates].sort((a, b) => a - b), 'cards sorted by next session');
    }
    await tabTo(page, '#sort', { max: 1 });

    // The next page.
    await tabTo(page, '.t-pagination a[rel="next"]');
    await pressAndLoad(page, 'Enter');
    assert.equal(params(page).get('page'), '2');
    assert.equal(params(page).get('sort'), 'start');
    assert.equal(params(page).get('family'), 'development');
    assert.match(await page.locator('.t-pagination [aria-current="page"]').textContent(), /2$/);
    assert.equal(await page.locator('ol.t-results').first().getAttribute('start'), '21');
    await tabTo(page, '#sort', { max: 1 });

    // Switch to English: same search, same page, English words.
    await tabTo(page, '.t-header__lang', { backward: true });
    await pressAndLoad(page, 'Enter');
    assert.equal(params(page).get('lang'), 'en');
    for (const [name, value] of [['page', '2'], ['sort', 'start'], ['family', 'development'], ['q', 'développeur']]) {
      assert.equal(params(page).get(name), value, `${name} kept when switching language`);
    }
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await resultCount(page), expected);
    assert.match(await page.locator('.t-results-header__count').textContent(), /^\d+ courses$/);
    assert.match(await page.title(), /^\d+ courses around Paris \(75\)/);

    // Open a course.
    await tabTo(page, '.t-card__link');
    const title = (await page.evaluate(() => document.activeElement.querySelector('[lang="fr"]').textContent)).trim();
    await pressAndLoad(page, 'Enter');
    assert.match(new URL(page.url()).pathname, /^\/formations\/\d+$/);
    assert.equal(params(page).get('lang'), 'en');
    assert.equal((await page.locator('h1').textContent()).trim(), title);
    assert.match(await page.locator('.t-breadcrumb').textContent(), /Home/);
    // Its sections are reached from the in-page links.
    await tabTo(page, '.t-tabs__link[href="#sessions"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#sessions$/);
    await tabTo(page, '.t-table-wrapper, .t-aside a', { max: 3 });
  } finally {
    await context.close();
  }
}

describe('candidate journeys, keyboard only', () => {
  for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    for (const js of [true, false]) {
      it(`${device}, JavaScript ${js ? 'on' : 'off'}: search, filter, sort, next page, English, course`,
         () => candidateJourney({ viewport, js }));
    }
  }
});

describe('skip links', () => {
  for (const js of [true, false]) {
    it(`JavaScript ${js ? 'on' : 'off'}: to the content, and to the search form of the results page`, async () => {
      const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: js });
      const page = await context.newPage();
      try {
        await page.goto(`${server.origin}/organismes?lang=en`);
        assert.match(await tabTo(page, '.t-skiplinks__link[href="#contenu"]', { max: 1 }), /Skip to content/);
        await page.keyboard.press('Enter');
        assert.match((await focused(page)).description, /^<main#contenu/);
        // The next stop is the first control of the content, not the header's links.
        await tabTo(page, 'main .t-table-wrapper', { max: 1 });

        await page.goto(`${server.origin}/formations?q=web`);
        await tabTo(page, '.t-skiplinks__link[href="#recherche"]', { max: 2 });
        await page.keyboard.press('Enter');
        await tabTo(page, '#q', { max: 1 });
      } finally {
        await context.close();
      }
    });
  }
});

describe('place autocomplete', () => {
  it('opens, moves, closes with Escape, and typing again goes back to plain text', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    try {
      await page.goto(`${server.origin}/?lang=en`);
      await tabTo(page, '#where');
      await typePlace(page, 'lyo');
      const listbox = page.locator('#where-listbox');
      const options = await listbox.locator('[role="option"]').count();
      assert.ok(options >= 2, `several suggestions for "lyo", got ${options}`);
      // The count is announced to screen readers.
      await page.waitForFunction(() => /suggestion/.test(document.querySelector('.t-combobox [role="status"]').textContent));
      // Up from the field wraps to the last option; Escape closes and keeps the typed text.
      await page.keyboard.press('ArrowUp');
      assert.equal(await page.getAttribute('#where', 'aria-activedescendant'), `where-listbox-${options - 1}`);
      await page.keyboard.press('Escape');
      await listbox.waitFor({ state: 'hidden' });
      assert.equal(await page.getAttribute('#where', 'aria-expanded'), 'false');
      assert.equal(await page.inputValue('#where'), 'lyo');
      // Choose Lyon, then type again: the choice is dropped and the text is sent as it is.
      await page.keyboard.press('ArrowDown');
      await listbox.waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      assert.equal(await page.inputValue('#where'), 'Lyon (69)');
      assert.equal(await page.locator('#recherche input[type="hidden"][name="where"]').inputValue(), '69123');
      await page.keyboard.press('Backspace');
      assert.equal(await page.getAttribute('#where', 'name'), 'where');
      assert.equal(await page.locator('#recherche input[type="hidden"][name="where"]').isDisabled(), true);
      // A chosen place comes back chosen on the results page.
      await page.keyboard.press('Control+A');
      await typePlace(page, 'lyon');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await pressAndLoad(page, 'Enter');
      assert.equal(params(page).get('where'), '69123');
      assert.equal(params(page).get('lang'), 'en');
      assert.equal(await page.inputValue('#where'), 'Lyon (69)');
      assert.equal(await page.locator('#recherche input[type="hidden"][name="where"]').inputValue(), '69123');
    } finally {
      await context.close();
    }
  });
});

describe('an unknown place, keyboard only', () => {
  for (const js of [true, false]) {
    it(`JavaScript ${js ? 'on' : 'off'}: the error summary leads to the field`, async () => {
      const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: js });
      const page = await context.newPage();
      try {
        await page.goto(`${server.origin}/`);
        await tabTo(page, '#where');
        await page.keyboard.type('Nullepartville');
        await pressAndLoad(page, 'Enter');
        assert.equal(params(page).get('where'), 'Nullepartville');
        assert.match(await page.title(), /^Erreur/);
        assert.equal(await page.getAttribute('#where', 'aria-invalid'), 'true');
        const summaryLink = '.t-error-summary a[href="#where"]';
        if (js) {
          // Scripts move the focus to the summary, read first by screen readers.
          assert.match((await focused(page)).description, /^<section/);
          await tabTo(page, summaryLink, { max: 1 });
        } else {
          // Without them, the skip link leads to the content, which starts with the summary.
          await tabTo(page, '.t-skiplinks__link', { max: 1 });
          await page.keyboard.press('Enter');
          await tabTo(page, summaryLink, { max: 1 });
        }
        // The link moves the focus to the field (scripts also bring its label into view).
        await page.keyboard.press('Enter');
        assert.match((await focused(page)).description, /^<input#where/);
        assert.equal(await page.inputValue('#where'), 'Nullepartville');
      } finally {
        await context.close();
      }
    });
  }
});
