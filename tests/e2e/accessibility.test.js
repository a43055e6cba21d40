// Every public page type, in French and in English, on a phone and on a desktop: axe-core finds
// no violation of any impact (results as JSON in e2e-output/axe/), the Nu HTML Checker finds no
// error (e2e-output/vnu/), and a screenshot of each is kept (e2e-output/screenshots/). Also the
// states scripts create (place suggestions open, filters unfolded on a phone), and the
// accessibility statement's consistency with the footer and with the tools that checked it.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const {
  PHONE, DESKTOP, outputDir, startServer, launchBrowser, discoverIds, publicPages, inLanguage, sourceDir,
  axeCheck, vnuCheck,
} = require('./support');

const DEVICES = [['phone', PHONE], ['desktop', DESKTOP]];
const LANGS = ['fr', 'en'];
const EXPECTED_STATUS = { 'results-error': 400, 'not-found': 404 };

let server;
let browser;
let ids;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ids = await discoverIds(server.origin);
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function withPage(options, fn) {
  const context = await browser.newContext(options);
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

describe('axe-core and screenshots, every public page type', () => {
  for (const { name } of publicPages({ course: 0, organisation: 0 })) {
    it(`${name}: no violation, French and English, phone and desktop`, async () => {
      const entry = publicPages(ids).find((p) => p.name === name);
      const violations = [];
      // The phone and the desktop in parallel, each in its own context.
      await Promise.all(DEVICES.map(([device, viewport]) => withPage({ viewport }, async (page) => {
        for (const lang of LANGS) {
          const response = await page.goto(server.origin + inLanguage(entry.path, lang));
          assert.equal(response.status(), EXPECTED_STATUS[name] || 200, `${entry.path} (${lang})`);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          violations.push(...await axeCheck(page, `${name}-${lang}-${device}`));
          await page.screenshot({ path: path.join(outputDir('screenshots'), `${name}-${lang}-${device}.png`), fullPage: true });
        }
      })));
      assert.deepEqual(violations, []);
    });
  }

  it('states made by scripts: place suggestions open, filters unfolded on a phone', async () => {
    const violations = [];
    await Promise.all(DEVICES.map(([device, viewport]) => withPage({ viewport }, async (page) => {
      for (const lang of LANGS) {
        await page.goto(server.origin + inLanguage('/formations?q=web&where=Lyon', lang));
        await page.fill('#where', '');
        await page.type('#where', 'mar');
        await page.locator('#where-listbox').waitFor({ state: 'visible' });
        await page.keyboard.press('ArrowDown');
        violations.push(...await axeCheck(page, `suggestions-${lang}-${device}`));
        await page.screenshot({ path: path.join(outputDir('screenshots'), `suggestions-${lang}-${device}.png`) });
        await page.keyboard.press('Escape');
        const details = page.locator('details.t-filters__details');
        if (!(await details.evaluate((d) => d.open))) await page.click('summary.t-filters__summary');
        assert.equal(await details.evaluate((d) => d.open), true);
        violations.push(...await axeCheck(page, `filters-open-${lang}-${device}`));
      }
    })));
    assert.deepEqual(violations, []);
  });

  it('the design system style guide', async () => {
    const violations = [];
    await Promise.all(DEVICES.map(([device, viewport]) => withPage({ viewport }, async (page) => {
      await page.goto(`${server.origin}/assets/styleguide.html`);
      violations.push(...await axeCheck(page, `styleguide-${device}`));
    })));
    assert.deepEqual(violations, []);
  });
});

describe('Nu HTML Checker', () => {
  it('finds no error in any public page type, as served and as scripts leave it', async () => {
    const dir = outputDir('vnu', 'pages');
    const files = [];
    const save = (name, html) => {
      const file = path.join(dir, `${name}.html`);
      fs.writeFileSync(file, html);
      files.push(file);
    };
    for (const entry of [...publicPages(ids), { name: 'styleguide', path: '/assets/styleguide.html' }]) {
      for (const lang of entry.name === 'styleguide' ? ['fr'] : LANGS) {
        const response = await fetch(server.origin + inLanguage(entry.path, lang));
        save(`${entry.name}-${lang}`, await response.text());
      }
    }
    // The document after the scripts ran, with the place suggestions open.
    await withPage({ viewport: DESKTOP }, async (page) => {
      for (const lang of LANGS) {
        await page.goto(server.origin + inLanguage('/formations?q=web&where=Lyon', lang));
        await page.fill('#where', '');
        await page.type('#where', 'mar');
        await page.locator('#where-listbox').waitFor({ state: 'visible' });
        save(`suggestions-dom-${lang}`, '<!doctype html>\n' + await page.evaluate(() => document.documentElement.outerHTML));
      }
    });
    const errors = vnuCheck(files, path.join(outputDir('vnu'), 'report.json'));
    console.log(`vnu: ${files.length} documents checked, ${errors.length} errors`);
    assert.deepEqual(errors, []);
  });
});

describe('accessibility statement', () => {
  it('states the conformance the footer states, and names the tools that checked it', async () => {
    const versions = JSON.parse(fs.readFileSync(path.join(sourceDir(), 'package.json'), 'utf8')).dependencies;
    for (const lang of LANGS) {
      await withPage({ viewport: DESKTOP }, async (page) => {
        await page.goto(server.origin + inLanguage('/accessibilite', lang));
        const footerLink = (await page.locator('.t-footer__links a[href^="/accessibilite"]').textContent()).trim();
        const state = lang === 'fr'
          ? /(totalement conforme|partiellement conforme|non conforme)$/.exec(footerLink)
          : /(fully compliant|partially compliant|not compliant)$/.exec(footerLink);
        assert.ok(state, `the footer link states a conformance: ${footerLink}`);
        const first = (await page.locator('.t-prose h2 + p').first().textContent());
        const said = { 'totalement conforme': 'est totalement conforme', 'partiellement conforme': 'est partiellement conforme',
          'non conforme': 'est non conforme', 'fully compliant': 'fully complies', 'partially compliant': 'partially complies',
          'not compliant': 'does not comply' }[state[1]];
        assert.ok(first.includes(said), `the statement says "${said}" as the footer does: ${first}`);
        const text = await page.locator('main').textContent();
        for (const tool of ['axe-core', 'vnu-jar', 'playwright-core']) {
          const named = tool === 'axe-core' ? `axe-core ${versions[tool]}` : `${tool} ${versions[tool]}`;
          assert.ok(text.includes(named), `the statement names ${named}`);
        }
        for (const heading of lang === 'fr'
          ? ['État de conformité', 'Résultats des tests', 'Contenus non accessibles', 'Établissement de cette déclaration', 'Retour d’information et contact', 'Voies de recours']
          : ['Compliance status', 'Test results', 'Content that is not accessible', 'How this statement was prepared', 'Feedback and contact', 'Remedies']) {
          assert.equal(await page.locator('h2', { hasText: heading }).count(), 1, `section ${heading}`);
        }
      });
    }
  });
});
