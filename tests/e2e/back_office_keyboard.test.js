// The signed-in back office with the keyboard only, on a 375 px phone and on a desktop (French,
// and one form in English). A member of one organisation signs in, reaches its profile by links,
// Tabs through every field, sends a wrong e-mail address (the error summary takes the focus, its
// link leads to the field), corrects it, switches to English and saves again; sends the new-course
// form empty and follows every link of its error summary (groups of checkboxes and radio buttons
// included), then fills it (selects and radio buttons with the arrow keys, a profession ticked
// with Space), adds a session (dates typed in the date fields), scrolls the sessions' table with
// the arrow keys, closes the session's enrolment. An administrator signs in, filters the accounts,
// opens one, changes its role (refused first: the error summary leads into the organisations'
// checkbox list), invites a person, grants the label to the member's course, opens its public
// page and signs out. Accounts made with `tremplin user add`; every Tab checks that the focus
// shows and is in view (keyboard.js); after each form, the test checks what the page says and
// where the focus is (the error summary, or the notice of what was done).
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { DESKTOP, startServer, launchBrowser, discoverIds, addUser } = require('./support');
const { tabTo, pressAndLoad, focused, focusState } = require('./keyboard');

// The narrowest phone in common use, as back_office.test.js.
const PHONE = { width: 375, height: 812 };
const DEVICES = [['phone', PHONE], ['desktop', DESKTOP]];
// How long the arrow keys may take to scroll a table sideways.
const SCROLL_TIMEOUT_MS = 5000;

const ADMIN = { email: 'alix.admin@example.org', name: 'Alix Admin', role: 'admin',
  password: 'Le clavier suffit pour tout faire ici' };
const MEMBER = { email: 'mael.membre@example.org', name: 'Maël Membre', role: 'member',
  password: 'Tabulation, espace et entrée font le travail' };
// The account the administrator changes, one per device (the change is not undone).
const reviewerToBe = (device) => ({ email: `rose-${device}@example.org`, name: `Rose Clavier ${device}`,
  role: 'member', password: 'Une phrase de passe assez longue pour Rose' });

let server;
let browser;
let ids;
const contexts = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ids = await discoverIds(server.origin);
  addUser(server, ADMIN, ADMIN.password);
  addUser(server, { ...MEMBER, organisations: [ids.organisation] }, MEMBER.password);
  for (const [device] of DEVICES) {
    const rose = reviewerToBe(device);
    addUser(server, { ...rose, organisations: [ids.organisation] }, rose.password);
  }
});

after(async () => {
  for (const context of contexts) await context.close();
  if (browser) await browser.close();
  if (server) await server.stop();
});

// A browser of its own for one person on one device.
async function newPage(viewport) {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  return context.newPage();
}

// Presses `key` and waits for the document the browser loads next. Unlike pressAndLoad
// (keyboard.js) it also sees a form sent to its own address (an answer with errors) and returns
// the response, whose status tells what the server made of the form.
async function pressAndSubmit(page, key = 'Enter') {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
  return response;
}

// Whether the element that has the focus matches `selector`, and how it shows (keyboard.js).
async function focusOn(page, selector) {
  return page.evaluate(focusState, selector);
}

async function assertFocusOn(page, selector, what) {
  const state = await focusOn(page, selector);
  assert.ok(state.matches, `${what}: the focus should be on ${selector}, it is on ${state.description}`);
  assert.ok(state.indicator, `${what}: the focus on ${state.description} shows no indicator`);
  assert.ok(state.inView, `${what}: ${state.description} has the focus out of view`);
}

// Replaces the text of the focused field, as a person does: select all, type.
async function retype(page, text) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

// Types a date in the focused date field, its parts in the order the field shows them: that of
// the browser's language (JJ/MM/AAAA in a French browser, MM/DD/YYYY in Chromium's default
// en-US), which the page's Intl also follows. The field moves from one part to the next by itself.
async function typeDate(page, iso) {
  const [year, month, day] = iso.split('-');
  const order = await page.evaluate(() =>
    new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(2027, 0, 31)).map((part) => part.type).filter((type) => type !== 'literal'));
  await page.keyboard.type(order.map((part) => ({ year, month, day })[part]).join(''));
}

// A date `days` from today, as yyyy-mm-dd.
function daysFromToday(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

async function text(page, selector) {
  return (await page.locator(selector).first().textContent()).replace(/\s+/g, ' ').trim();
}

function pathOf(page) {
  return new URL(page.url()).pathname;
}

function params(page) {
  return new URL(page.url()).searchParams;
}

// From /connexion: e-mail, password, Enter; lands on /espace.
async function signInWithKeyboard(page, account) {
  await page.goto(`${server.origin}/connexion`);
  await tabTo(page, '#email');
  await page.keyboard.type(account.email);
  await tabTo(page, '#password', { max: 1 });
  await page.keyboard.type(account.password);
  await pressAndLoad(page, 'Enter');
  assert.equal(pathOf(page), '/espace', `${account.email} signed in`);
  assert.match(await text(page, 'main .t-lead'), new RegExp(account.name));
}

// From the error summary, which has the focus, follows each of its links with the keyboard: each
// leads the focus to its field (for a group of choices, into the group), in view. Returns the
// fields' ids.
async function followEveryErrorLink(page) {
  await assertFocusOn(page, '.t-error-summary', 'after an error');
  const targets = await page.$$eval('.t-error-summary a[href^="#"]', (links) => links.map((a) => a.hash.slice(1)));
  assert.ok(targets.length > 0, 'the summary links to the fields');
  for (const [i, id] of targets.entries()) {
    await tabTo(page, `.t-error-summary a[href="#${id}"]`, i === 0 ? { max: 1 } : { backward: true, max: 150 });
    await page.keyboard.press('Enter');
    await assertFocusOn(page, `#${id}, #${id} *`, `the error summary's link to #${id}`);
  }
  return targets;
}

// After a form is saved, the page that says so gives the focus to its notice (read out first),
// and the next Tab goes on from there, not from the top of the page.
async function assertNoticeHasFocus(page, pattern, next) {
  const notice = page.locator('main .t-alert--success');
  assert.ok(await notice.isVisible(), 'the success notice shows');
  assert.match(await text(page, 'main .t-alert--success'), pattern);
  await assertFocusOn(page, 'main .t-alert--success', 'after saving');
  await tabTo(page, next, { max: 1 });
}

async function memberProfileJourney(page, device) {
  await signInWithKeyboard(page, MEMBER);

  // The organisation's profile, by its link on /espace.
  const profile = `/espace/organismes/${ids.organisation}`;
  await tabTo(page, `main a[href="${profile}"]`);
  await pressAndLoad(page, 'Enter');
  assert.equal(pathOf(page), profile);
  // The legal identity is shown, not editable, for a member.
  assert.equal(await page.locator('main form #name, main form #siret').count(), 0);

  // Every field of the form, one Tab each, in the order shown, to the submit button.
  await tabTo(page, '#description');
  for (const field of ['#address', '#postcode', '#commune', '#website', '#email', '#phone']) {
    await tabTo(page, field, { max: 1 });
  }
  await tabTo(page, 'main form button[type="submit"]', { max: 1 });

  // A wrong e-mail address, sent with Enter from its field.
  await tabTo(page, '#email', { backward: true, max: 2 });
  await retype(page, 'contact(at)exemple');
  const refused = await pressAndSubmit(page);
  assert.equal(refused.status(), 400);
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('#email'), 'contact(at)exemple', 'the typed value is kept');
  // The error summary has the focus; its first link leads to the field, in view.
  await assertFocusOn(page, '.t-error-summary', 'after an error');
  assert.match(await tabTo(page, '.t-error-summary a', { max: 1 }), /adresse/i);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#email');
  await page.keyboard.press('Enter');
  await assertFocusOn(page, '#email', 'the error summary link');
  assert.ok(await page.locator('label[for="email"]').isVisible());

  // Corrected and sent again.
  const email = `contact-${device}@exemple.org`;
  await retype(page, email);
  const saved = await pressAndSubmit(page);
  assert.equal(saved.status(), 200);
  assert.equal(params(page).get('enregistre'), '1');
  assert.equal(await page.inputValue('#email'), email, 'the address is stored');
  assert.equal(await page.locator('[aria-invalid="true"], .t-error-summary').count(), 0);
  await assertNoticeHasFocus(page, /Profil enregistré/, '#description');

  // In English, by the header's link: the same form in English, saved in English.
  await tabTo(page, '.t-header__lang', { backward: true });
  await pressAndLoad(page, 'Enter');
  assert.equal(params(page).get('lang'), 'en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await text(page, 'label[for="email"]'), 'Contact email address');
  assert.match(await page.getAttribute('main form[novalidate]', 'action'), /[?&]lang=en$/);
  await tabTo(page, '#phone');
  await retype(page, '03 20 00 00 00');
  const english = await pressAndSubmit(page);
  assert.equal(english.status(), 200);
  assert.equal(params(page).get('lang'), 'en');
  assert.equal(await page.inputValue('#phone'), '03 20 00 00 00');
  await assertNoticeHasFocus(page, /^Profile saved/, '#description');
}

async function memberCourseJourney(page, device, state) {
  await page.goto(`${server.origin}/espace`);

  // A new course, by its link on /espace.
  await tabTo(page, `main a[href="/espace/organismes/${ids.organisation}/nouvelle-formation"]`);
  await pressAndLoad(page, 'Enter');
  assert.match(pathOf(page), /\/nouvelle-formation$/);

  // Sent empty with Enter: every link of the error summary leads to its field, the groups of
  // checkboxes and radio buttons included.
  await tabTo(page, '#title');
  const refused = await pressAndSubmit(page);
  assert.equal(refused.status(), 400);
  const inError = await followEveryErrorLink(page);
  for (const id of ['title', 'summary', 'family', 'professions', 'mode', 'duration_hours', 'duration_weeks', 'cost']) {
    assert.ok(inError.includes(id), `${id} is in the error summary`);
  }

  const title = `Développeur·se web au clavier (${device})`;
  await tabTo(page, '#title', { backward: true, max: 150 });
  await page.keyboard.type(title);
  await tabTo(page, '#summary', { max: 1 });
  await page.keyboard.type('Apprendre à construire des sites accessibles, en six mois.');
  // The family: the arrow keys choose, the page stays.
  await tabTo(page, '#family', { max: 1 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const family = await page.$eval('#family', (s) => ({ label: s.selectedOptions[0].textContent.trim(),
    index: s.selectedIndex }));
  assert.equal(family.index, 2, 'two presses of ArrowDown: the second family');
  assert.match(pathOf(page), /\/nouvelle-formation$/);
  // One profession of that family, in the checkbox list grouped by family: Space ticks it.
  const profession = await page.$$eval('#professions fieldset', (groups, label) => {
    const group = groups.find((g) => g.querySelector('legend').textContent.trim() === label);
    return group && group.querySelector('input[type="checkbox"]').id;
  }, family.label);
  assert.ok(profession, `a profession of ${family.label}`);
  await tabTo(page, `#${profession}`, { max: 120 });
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked(`#${profession}`), true);
  // The mode: the first Tab into the radio group reaches its first choice; arrows choose.
  await tabTo(page, 'input[name="mode"]', { max: 120 });
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.$eval('input[name="mode"]:checked', (r) => r.value), 'blended');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.$eval('input[name="mode"]:checked', (r) => r.value), 'onsite');
  await assertFocusOn(page, '#mode-onsite', 'the mode chosen with the arrows');
  // Leaving the group is one Tab.
  await tabTo(page, '#duration_hours', { max: 1 });
  await page.keyboard.type('600');
  await tabTo(page, '#duration_weeks', { max: 1 });
  await page.keyboard.type('24');
  await tabTo(page, '#cost', { max: 1 });
  await page.keyboard.type('0');
  await tabTo(page, '#rncp_code', { max: 1 });
  await page.keyboard.type('RNCP37674');
  await tabTo(page, '#certification_title', { max: 1 });
  await page.keyboard.type('Développeur web');
  await tabTo(page, '#certification_level', { max: 1 });
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue('#certification_level'), '5', 'levels 3, 4, 5 with three presses');
  await tabTo(page, 'main form button[type="submit"]', { max: 1 });
  const created = await pressAndSubmit(page);
  assert.equal(created.status(), 200);
  const course = /^\/espace\/formations\/(\d+)$/.exec(pathOf(page));
  assert.ok(course, `the course's page, not ${page.url()}`);
  state.course = course[1];
  state.title = title;
  assert.equal(params(page).get('avis'), 'creee');
  assert.equal(await text(page, 'main .t-lead'), title);
  assert.equal(await page.getAttribute('[data-status]', 'data-status'), 'draft');
  assert.match(await text(page, '#facts + .t-fiche'), new RegExp(family.label));
  await assertNoticeHasFocus(page, /^Formation créée/, 'main button[value="archive"]');

  // A session: place, address, dates typed in the date fields, seats; Enter sends it.
  await tabTo(page, 'main a[href$="/nouvelle-session"]');
  await pressAndLoad(page, 'Enter');
  assert.match(pathOf(page), /\/nouvelle-session$/);
  const dates = { start: daysFromToday(40), end: daysFromToday(200), enrolment_opens: daysFromToday(-1),
    enrolment_closes: daysFromToday(30) };
  await tabTo(page, '#place');
  await page.keyboard.type('Lille');
  await tabTo(page, '#address', { max: 1 });
  await page.keyboard.type('12 rue du Clavier');
  for (const [field, date] of Object.entries(dates)) {
    // A date field takes up to three Tabs in Chromium (day, month, year).
    await tabTo(page, `#${field}`, { max: 3 });
    await typeDate(page, date);
    assert.equal(await page.inputValue(`#${field}`), date, `${field} typed`);
  }
  await tabTo(page, '#capacity', { max: 3 });
  await page.keyboard.type('12');
  const added = await pressAndSubmit(page);
  assert.equal(added.status(), 200);
  assert.equal(pathOf(page), `/espace/formations/${state.course}`);
  assert.equal(params(page).get('avis'), 'session-ajoutee');
  const rows = page.locator('main table tbody tr');
  assert.equal(await rows.count(), 1, 'the session is listed');
  assert.match(await text(page, 'main table tbody tr td:nth-child(2)'), /Lille/);
  assert.equal(await text(page, 'main table tbody tr td:nth-child(4)'), '12');
  assert.equal(await page.getAttribute('main table [data-recruitment]', 'data-recruitment'), 'open');
  await assertNoticeHasFocus(page, /^Session ajoutée/, 'main button[value="archive"]');

  // The sessions' table is wider than the page's column (always on a phone): its region takes
  // the focus and scrolls sideways with the arrow keys.
  const wrapper = page.locator('main .t-table-wrapper');
  const overflows = await wrapper.evaluate((w) => w.scrollWidth > w.clientWidth);
  assert.ok(overflows || device !== 'phone', 'the sessions table overflows on a phone');
  if (overflows) {
    await tabTo(page, 'main .t-table-wrapper');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('main .t-table-wrapper').scrollLeft > 0, null,
                               { timeout: SCROLL_TIMEOUT_MS });
  }

  // Closing the enrolment, from the session's row.
  await tabTo(page, 'main table button[value="close"]');
  assert.match((await focused(page)).description, /Clore les inscriptions/);
  const closed = await pressAndSubmit(page);
  assert.equal(closed.status(), 200);
  assert.equal(params(page).get('avis'), 'inscriptions-closes');
  assert.equal(await page.getAttribute('main table [data-recruitment]', 'data-recruitment'), 'closed');
  assert.equal(await page.locator('main table button[value="reopen"]').count(), 1);
  await assertNoticeHasFocus(page, /^Inscriptions closes/, 'main button[value="archive"]');
}

async function adminAccountJourney(page, device) {
  const rose = reviewerToBe(device);
  await signInWithKeyboard(page, ADMIN);

  // The accounts, filtered by name and role.
  await tabTo(page, 'main a[href="/espace/utilisateurs"]');
  await pressAndLoad(page, 'Enter');
  await tabTo(page, '#q');
  await page.keyboard.type(`rose-${device}`);
  await tabTo(page, '#role', { max: 1 });
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue('#role'), 'member');
  await tabTo(page, 'main form button[type="submit"]', { max: 1 });
  await pressAndLoad(page, 'Enter');
  assert.equal(params(page).get('q'), `rose-${device}`);
  assert.equal(params(page).get('role'), 'member');
  assert.equal(await page.locator('main table tbody tr').count(), 1);
  await tabTo(page, 'main table a');
  assert.match((await focused(page)).description, new RegExp(rose.name));
  await pressAndLoad(page, 'Enter');
  assert.match(pathOf(page), /^\/espace\/utilisateurs\/\d+$/);
  assert.match(await text(page, 'h1'), new RegExp(rose.name));

  // The role: the Tab into the group reaches the chosen one; ArrowUp chooses the one above.
  await tabTo(page, 'input[name="role"]:checked');
  assert.equal(await page.$eval('input[name="role"]:checked', (r) => r.value), 'member');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.$eval('input[name="role"]:checked', (r) => r.value), 'reviewer');
  // Sent with the organisation still ticked: refused, and the summary leads into the list. Enter
  // on a radio button sends its form (implicit submission).
  const refused = await pressAndSubmit(page);
  assert.equal(refused.status(), 400);
  await assertFocusOn(page, '.t-error-summary', 'after an error');
  await tabTo(page, '.t-error-summary a[href="#organisations"]', { max: 1 });
  await page.keyboard.press('Enter');
  assert.equal(await page.$eval('input[name="role"]:checked', (r) => r.value), 'reviewer', 'the choice is kept');
  // The link leads to the first of her organisations (ticked checkboxes; the others are in one
  // select after them); Space unticks it.
  await assertFocusOn(page, '#organisations', 'the error summary link');
  assert.equal(await page.isChecked('#organisations'), true);
  assert.equal(await page.getAttribute('#organisations', 'value'), ids.organisation);
  await page.keyboard.press('Space');
  assert.equal(await page.locator('input[name="organisation"]:checked').count(), 0);
  const saved = await pressAndSubmit(page);
  assert.equal(saved.status(), 200);
  assert.equal(params(page).get('enregistre'), '1');
  assert.equal(await page.$eval('input[name="role"]:checked', (r) => r.value), 'reviewer');
  assert.equal(await page.locator('input[name="organisation"]:checked').count(), 0);
  await assertNoticeHasFocus(page, /^Modifications enregistrées/, '#name');

  // The list says so too.
  await tabTo(page, `main a[href="/espace/utilisateurs"]`, { backward: true });
  await pressAndLoad(page, 'Enter');
  const row = page.locator('main table tbody tr', { hasText: rose.name });
  assert.match((await row.locator('td').nth(1).textContent()).trim(), /^Évaluateur·rice$/);

  // An invitation: sent empty first, then the summary's link to the organisations leads to
  // their select, where ArrowDown chooses the first one (past "None").
  await tabTo(page, 'main a[href="/espace/utilisateurs/inviter"]');
  await pressAndLoad(page, 'Enter');
  await tabTo(page, '#email');
  const empty = await pressAndSubmit(page);
  assert.equal(empty.status(), 400);
  assert.deepEqual(await followEveryErrorLink(page), ['email', 'name', 'organisations']);
  await assertFocusOn(page, 'select#organisations', 'the link to the organisations');
  assert.equal(await page.inputValue('#organisations'), '', 'None is chosen at first');
  await page.keyboard.press('ArrowDown');
  const organisation = await page.$eval('#organisations', (s) => s.selectedOptions[0].textContent.trim());
  assert.notEqual(await page.inputValue('#organisations'), '', 'ArrowDown chooses an organisation');
  await tabTo(page, '#email', { backward: true, max: 10 });
  const invitee = `ines-${device}@example.org`;
  await page.keyboard.type(invitee);
  await tabTo(page, '#name', { max: 1 });
  await page.keyboard.type(`Inès Invitée ${device}`);
  // The role stays "member", chosen already: the Tab into the group reaches it.
  await tabTo(page, 'input[name="role"]:checked', { max: 1 });
  assert.equal(await page.evaluate(() => document.activeElement.value), 'member');
  const sent = await pressAndSubmit(page);
  assert.equal(sent.status(), 200);
  assert.equal(await page.locator('.t-error-summary').count(), 0);
  const notice = new RegExp(`^Invitation envoyée à Inès Invitée ${device} \\(${invitee}\\)`);
  await assertNoticeHasFocus(page, notice, '#email');
  // The account is made, with the organisation ticked (read in a page of its own).
  const check = await page.context().newPage();
  await check.goto(`${server.origin}/espace/utilisateurs?q=${encodeURIComponent(invitee)}`);
  const invited = check.locator('main table tbody tr');
  assert.equal(await invited.count(), 1);
  assert.deepEqual((await invited.locator('li').allTextContents()).map((t) => t.trim()), [organisation]);
  await check.close();
}

async function adminLabelJourney(page, state) {
  // No link leads an administrator to a course of an organisation they are not a member of:
  // the course's address is the first page of this journey.
  await page.goto(`${server.origin}/espace/formations/${state.course}`);
  assert.equal(await page.getAttribute('[data-status]', 'data-status'), 'draft');
  await tabTo(page, 'main button[value="grant"]');
  const granted = await pressAndSubmit(page);
  assert.equal(granted.status(), 200);
  assert.equal(params(page).get('avis'), 'label-accorde');
  assert.equal(await page.getAttribute('[data-status]', 'data-status'), 'published');
  await assertNoticeHasFocus(page, /^Label accordé/, 'main button[value="archive"]');
  // Public now: its page, by the link above the notice.
  await tabTo(page, `main a[href="/formations/${state.course}"]`, { backward: true });
  await pressAndLoad(page, 'Enter');
  assert.equal(pathOf(page), `/formations/${state.course}`);
  assert.equal(await text(page, 'h1'), state.title);

  // Signing out: the account's link in the header, then its button.
  await tabTo(page, '.t-nav__link[href="/espace"]');
  await pressAndLoad(page, 'Enter');
  assert.equal(pathOf(page), '/espace');
  await tabTo(page, 'main form[action="/deconnexion"] button');
  await pressAndLoad(page, 'Enter');
  assert.equal(pathOf(page), '/connexion');
  await assertNoticeHasFocus(page, /^Vous êtes déconnecté·e/, '#email');
  // Signed out indeed: the account's link leads to the sign-in form.
  await tabTo(page, '.t-nav__link[href="/espace"]', { backward: true });
  await pressAndLoad(page, 'Enter');
  assert.equal(pathOf(page), '/connexion');
  assert.equal(params(page).get('sortie'), null);
}

describe('the back office with the keyboard only', () => {
  for (const [device, viewport] of DEVICES) {
    describe(device, () => {
      const state = {};
      let member;
      let admin;
      it('a member signs in, Tabs through the profile form, follows the error summary, saves in French and English',
         async () => {
           member = await newPage(viewport);
           await memberProfileJourney(member, device);
         });
      it('a member creates a course, adds a session, closes its enrolment', async () => {
        await memberCourseJourney(member, device, state);
      });
      it('an administrator filters the accounts, changes a role through the error summary, invites a person',
         async () => {
           admin = await newPage(viewport);
           await adminAccountJourney(admin, device);
         });
      it('an administrator grants the label, opens the public page and signs out', async () => {
        assert.ok(state.course, 'the member made a course');
        await adminLabelJourney(admin, state);
      });
    });
  }
});
