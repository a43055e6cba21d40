// The signed-in back office and the account pages around it, in French and in English, on a
// 375 px phone and on a desktop: every GET page of the back office in src/auth/route_access.h,
// as a member of one organisation and as a GEN administrator (accounts made with
// `tremplin user add`, signed in through the real /connexion form), every form in its error
// state (the error summary and aria-invalid fields showing) and after a success (the notice).
// axe-core finds no violation of any impact (e2e-output/axe/back-office-*.json), the Nu HTML
// Checker finds no error in the HTML as served (e2e-output/vnu/back-office-report.json, the
// documents in vnu/back-office-pages/), and a screenshot of each is kept
// (e2e-output/screenshots/back-office-*.png).
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const {
  DESKTOP, outputDir, startServer, launchBrowser, discoverIds, inLanguage, addUser, signIn, mailedLink,
  axeCheck, vnuCheck,
} = require('./support');

// The narrowest phone in common use (the public pages are checked at 390 px).
const PHONE = { width: 375, height: 812 };
const DEVICES = [['phone', PHONE], ['desktop', DESKTOP]];
const LANGS = ['fr', 'en'];

const ADMIN = { email: 'adele.admin@example.org', name: 'Adèle Admin', role: 'admin',
  password: 'Un grand cerf-volant rouge au-dessus des dunes' };
const MEMBER = { email: 'marius.membre@example.org', name: 'Marius Membre', role: 'member',
  password: 'Quatre chevaux boivent du thé vert' };
// Not an account: signing in with it fails as a wrong password does.
const STRANGER = { email: 'personne@example.org', password: 'pas le bon mot de passe' };

// Whom the administrator invites from each device and language (one mail each).
const invitee = ({ lang, device }) => `invite-${lang}-${device}@example.org`;

const ERRORS_SHOWN = { status: 400, shows: '.t-error-summary', invalid: true };
const NOTICE_SHOWN = { shows: '.t-alert--success' };

// Each state checked, in this order: who sees it (`role`), where (`path`, given the ids found
// in the demo network and the language and device), and optionally the form submitted there
// (`submit`: its selector, the values typed, the labels clicked, the option chosen by index in
// a select, the button, or a forged CSRF token); then the status expected and what must show.
// The mail states come last, when the forgotten password and the invitations have filled the
// outbox.
const STATES = [
  // A member of one organisation: its profile, a new course, a course and its sessions.
  { name: 'account-member', role: 'member', path: () => '/espace' },
  { name: 'organisation-profile', role: 'member', path: (ids) => `/espace/organismes/${ids.organisation}` },
  { name: 'organisation-profile-errors', role: 'member', path: (ids) => `/espace/organismes/${ids.organisation}`,
    submit: { values: { email: 'pas une adresse', website: 'pas un site', postcode: '1234' } }, ...ERRORS_SHOWN },
  { name: 'organisation-profile-saved', role: 'member', path: (ids) => `/espace/organismes/${ids.organisation}`,
    submit: {}, ...NOTICE_SHOWN },
  { name: 'course-new', role: 'member', path: (ids) => `/espace/organismes/${ids.organisation}/nouvelle-formation` },
  { name: 'course-new-errors', role: 'member', path: (ids) => `/espace/organismes/${ids.organisation}/nouvelle-formation`,
    submit: { values: { duration_hours: 'beaucoup', rncp_code: 'XYZ' } }, ...ERRORS_SHOWN },
  { name: 'course', role: 'member', path: (ids) => `/espace/formations/${ids.course}` },
  { name: 'course-errors', role: 'member', path: (ids) => `/espace/formations/${ids.course}`,
    submit: { values: { title: '', summary: '' } }, ...ERRORS_SHOWN },
  { name: 'course-saved', role: 'member', path: (ids) => `/espace/formations/${ids.course}`,
    submit: {}, ...NOTICE_SHOWN },
  { name: 'session-new', role: 'member', path: (ids) => `/espace/formations/${ids.course}/nouvelle-session` },
  { name: 'session-new-errors', role: 'member', path: (ids) => `/espace/formations/${ids.course}/nouvelle-session`,
    submit: { values: { capacity: 'douze' } }, ...ERRORS_SHOWN },
  { name: 'session', role: 'member', path: (ids) => `/espace/formations/${ids.course}/sessions/${ids.session}` },
  { name: 'session-errors', role: 'member', path: (ids) => `/espace/formations/${ids.course}/sessions/${ids.session}`,
    submit: { values: { place: '', start: '2027-08-06', end: '2027-05-24', capacity: '-3' } }, ...ERRORS_SHOWN },
  { name: 'forbidden', role: 'member', path: () => '/espace/utilisateurs', status: 403 },

  // A GEN administrator: the label decision, organisations, people, mail.
  { name: 'account-admin', role: 'admin', path: () => '/espace' },
  { name: 'course-label', role: 'admin', path: (ids) => `/espace/formations/${ids.course}` },
  { name: 'course-label-granted', role: 'admin', path: (ids) => `/espace/formations/${ids.course}`,
    submit: { form: 'main form[action*="/label"]', button: 'button[value="grant"]' }, ...NOTICE_SHOWN },
  { name: 'organisation-profile-admin', role: 'admin', path: (ids) => `/espace/organismes/${ids.organisation}` },
  { name: 'organisations', role: 'admin', path: () => '/espace/organismes' },
  { name: 'organisation-new', role: 'admin', path: () => '/espace/nouvel-organisme' },
  { name: 'organisation-new-errors', role: 'admin', path: () => '/espace/nouvel-organisme',
    submit: { values: { siret: '123', email: 'pas une adresse' } }, ...ERRORS_SHOWN },
  { name: 'users', role: 'admin', path: () => '/espace/utilisateurs' },
  { name: 'users-filtered', role: 'admin', path: () => '/espace/utilisateurs?q=membre&role=member' },
  { name: 'users-errors', role: 'admin', path: () => `/espace/utilisateurs?q=${'x'.repeat(201)}`, ...ERRORS_SHOWN },
  { name: 'user', role: 'admin', path: (ids) => `/espace/utilisateurs/${ids.member}` },
  { name: 'user-errors', role: 'admin', path: (ids) => `/espace/utilisateurs/${ids.member}`,
    submit: { values: { name: '' } }, ...ERRORS_SHOWN },
  { name: 'user-saved', role: 'admin', path: (ids) => `/espace/utilisateurs/${ids.member}`,
    submit: {}, ...NOTICE_SHOWN },
  { name: 'user-self', role: 'admin', path: (ids) => `/espace/utilisateurs/${ids.admin}` },
  { name: 'invite', role: 'admin', path: () => '/espace/utilisateurs/inviter' },
  { name: 'invite-errors', role: 'admin', path: () => '/espace/utilisateurs/inviter',
    submit: { values: { email: 'pas une adresse' } }, ...ERRORS_SHOWN },
  { name: 'invite-sent', role: 'admin', path: () => '/espace/utilisateurs/inviter',
    submit: { values: (at) => ({ email: invitee(at), name: `Invité·e ${at.lang} ${at.device}` }),
      click: ['label[for="role-member"]'], choose: { organisations: 1 } }, ...NOTICE_SHOWN },

  // Signed out: signing in, a forgotten password, the mailed links.
  { name: 'login', role: 'visitor', path: () => '/connexion' },
  { name: 'login-errors', role: 'visitor', path: () => '/connexion', submit: {}, ...ERRORS_SHOWN },
  { name: 'login-failed', role: 'visitor', path: () => '/connexion',
    submit: { values: { email: STRANGER.email, password: STRANGER.password } }, status: 401, shows: '.t-error-summary' },
  { name: 'forgot-password', role: 'visitor', path: () => '/mot-de-passe-oublie' },
  { name: 'forgot-password-errors', role: 'visitor', path: () => '/mot-de-passe-oublie', submit: {}, ...ERRORS_SHOWN },
  { name: 'forgot-password-sent', role: 'visitor', path: () => '/mot-de-passe-oublie',
    submit: { values: { email: MEMBER.email } }, ...NOTICE_SHOWN },
  { name: 'new-password', role: 'visitor', path: () => mailedLink(server, MEMBER.email, '/nouveau-mot-de-passe') },
  { name: 'new-password-errors', role: 'visitor', path: () => mailedLink(server, MEMBER.email, '/nouveau-mot-de-passe'),
    submit: { values: { password: 'court', password_confirmation: 'autre' } }, ...ERRORS_SHOWN },
  { name: 'link-expired', role: 'visitor', path: () => `/nouveau-mot-de-passe?jeton=${'0'.repeat(64)}`, status: 404 },
  { name: 'invitation', role: 'visitor', path: (ids, at) => mailedLink(server, invitee(at), '/invitation') },
  { name: 'invitation-errors', role: 'visitor', path: (ids, at) => mailedLink(server, invitee(at), '/invitation'),
    submit: { values: { password: 'court', password_confirmation: 'autre' } }, ...ERRORS_SHOWN },

  // The administrator again: the mail that has not gone, a retry, a retry refused.
  { name: 'mails', role: 'admin', path: () => '/espace/courriels' },
  { name: 'mail-retried', role: 'admin', path: () => '/espace/courriels',
    submit: { form: 'main form[action*="/renvoyer"]' }, ...NOTICE_SHOWN },
  { name: 'mail-retry-refused', role: 'admin', path: () => '/espace/courriels',
    submit: { form: 'main form[action*="/renvoyer"]', forged: true }, status: 403, shows: '.t-error-summary' },
];

let server;
let browser;
let ids;
const pages = {};  // pages[role][device]: a signed-in (or signed-out) page of its own context
const vnuFiles = [];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const found = await discoverIds(server.origin);
  addUser(server, ADMIN, ADMIN.password);
  addUser(server, { ...MEMBER, organisations: [found.organisation] }, MEMBER.password);
  for (const role of ['member', 'admin', 'visitor']) {
    pages[role] = {};
    for (const [device, viewport] of DEVICES) {
      const page = await (await browser.newContext({ viewport })).newPage();
      if (role === 'member') await signIn(page, server.origin, MEMBER.email, MEMBER.password);
      if (role === 'admin') await signIn(page, server.origin, ADMIN.email, ADMIN.password);
      pages[role][device] = page;
    }
  }
  // A session of the course, and the two accounts' pages, as their links give them.
  const page = pages.admin.desktop;
  await page.goto(`${server.origin}/espace/formations/${found.course}`);
  const session = /\/sessions\/(\d+)$/.exec(await page.locator('a[href*="/sessions/"]').first().getAttribute('href'));
  assert.ok(session, `no session link on /espace/formations/${found.course}`);
  await page.goto(`${server.origin}/espace/utilisateurs`);
  const userId = async (name) => /\/espace\/utilisateurs\/(\d+)$/.exec(
    await page.locator('main a', { hasText: name }).getAttribute('href'))[1];
  ids = { ...found, session: session[1], member: await userId(MEMBER.name), admin: await userId(ADMIN.name) };
  fs.rmSync(path.join(outputDir('vnu'), 'back-office-pages'), { recursive: true, force: true });
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

// Opens the state's page in `page`; when the state has a form to submit, types its values,
// clicks its labels and submits it as a person would. Returns the response of the page shown.
async function open(page, state, at) {
  const response = await page.goto(server.origin + inLanguage(state.path(ids, at), at.lang));
  if (!state.submit) return response;
  const { form = 'main form[novalidate]', values = {}, click = [], choose = {}, button = '[type=submit]', forged } = state.submit;
  const scope = page.locator(form).first();
  const typed = typeof values === 'function' ? values(at) : values;
  for (const [name, value] of Object.entries(typed)) await scope.locator(`[name="${name}"]`).fill(value);
  for (const label of click) await scope.locator(label).first().click();
  for (const [name, index] of Object.entries(choose)) await scope.locator(`select[name="${name}"]`).selectOption({ index });
  if (forged) await scope.locator('input[name="csrf"]').evaluate((input) => { input.value = 'forged'; });
  const [shown] = await Promise.all([page.waitForNavigation(), scope.locator(button).first().click()]);
  return shown;
}

describe('axe-core and screenshots, every back-office page type and form state', () => {
  for (const state of STATES) {
    it(`${state.name} (${state.role}): no violation, French and English, phone and desktop`, async () => {
      const violations = [];
      // The phone and the desktop in parallel, each in its own context.
      await Promise.all(DEVICES.map(async ([device]) => {
        const page = pages[state.role][device];
        for (const lang of LANGS) {
          const at = { lang, device };
          const response = await open(page, state, at);
          const where = `${state.name} ${lang} ${device} (${page.url()})`;
          assert.equal(response.status(), state.status || 200, where);
          assert.equal(await page.getAttribute('html', 'lang'), lang, where);
          if (state.shows) assert.ok(await page.locator(state.shows).isVisible(), `${where}: ${state.shows} shows`);
          if (state.invalid) assert.ok(await page.locator('[aria-invalid="true"]').count() > 0, `${where}: a field is marked invalid`);
          const name = `back-office-${state.name}-${lang}-${device}`;
          violations.push(...await axeCheck(page, name));
          await page.screenshot({ path: path.join(outputDir('screenshots'), `${name}.png`), fullPage: true });
          if (device === 'desktop') {
            const file = path.join(outputDir('vnu', 'back-office-pages'), `${state.name}-${lang}.html`);
            fs.writeFileSync(file, await response.text());
            vnuFiles.push(file);
          }
        }
      }));
      assert.deepEqual(violations, []);
    });
  }
});

describe('Nu HTML Checker', () => {
  it('finds no error in any back-office page or form state, as served', () => {
    assert.ok(vnuFiles.length > 0, 'no document to check');
    const errors = vnuCheck(vnuFiles, path.join(outputDir('vnu'), 'back-office-report.json'));
    console.log(`vnu: ${vnuFiles.length} documents checked, ${errors.length} errors`);
    assert.deepEqual(errors, []);
  });
});
