// Budgets checked on every run: the results page's first load weighs at most 150 KB on the wire,
// nothing moves once shown (no layout shift, even when the script arrives after the first paint
// or the HTML stalls half-way), every image has a text alternative, and the text stays
// readable — no horizontal scrolling, no clipped text — at 200 % zoom, at 320 CSS pixels wide
// (400 %) and with the browser's text size doubled. Figures go to e2e-output/budgets.json.
'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const path = require('node:path');
const {
  PHONE, DESKTOP, outputDir, writeJson, startServer, launchBrowser, discoverIds, publicPages, inLanguage,
} = require('./support');

// 150 KB of HTML, CSS, JavaScript, fonts and images, headers included (KB = 1000 bytes).
const TRANSFER_BUDGET_BYTES = 150 * 1000;
const RESULTS_PAGE = '/formations?q=développeur&where=Paris';
const LANGS = ['fr', 'en'];

let server;
let browser;
let ids;
const figures = { transfer: {}, cls: {} };

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  ids = await discoverIds(server.origin);
});

after(async () => {
  writeJson(path.join(outputDir(), 'budgets.json'), figures);
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function withPage(options, fn) {
  const context = await browser.newContext(options);
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

// Loads `url` in a fresh context (empty cache) and adds up the bytes received for every request,
// as the network layer counts them (Network.loadingFinished's encodedDataLength: compressed body
// and headers), once the page has loaded and no request is left in flight.
async function transferOf(url, viewport) {
  return withPage({ viewport }, async (page, context) => {
    const cdp = await context.newCDPSession(page);
    const types = new Map();
    const pending = new Set();
    const bytes = {};
    let settled = () => {};
    const checkSettled = () => { if (pending.size === 0) settled(); };
    cdp.on('Network.requestWillBeSent', (e) => { pending.add(e.requestId); types.set(e.requestId, e.type || 'Other'); });
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => {
      const type = types.get(e.requestId) || 'Other';
      bytes[type] = (bytes[type] || 0) + e.encodedDataLength;
      pending.delete(e.requestId);
      checkSettled();
    });
    cdp.on('Network.loadingFailed', (e) => { pending.delete(e.requestId); checkSettled(); });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(url, { waitUntil: 'load' });
    await new Promise((resolve) => { settled = resolve; checkSettled(); });
    const total = Object.values(bytes).reduce((a, b) => a + b, 0);
    return { total, bytes };
  });
}

describe('transfer budget', () => {
  for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    it(`the results page's first load on a ${device} transfers at most 150 KB`, async () => {
      const { total, bytes } = await transferOf(server.origin + RESULTS_PAGE, viewport);
      figures.transfer[device] = { total, bytes };
      console.log(`transfer (${device}, results page, first load): ${(total / 1000).toFixed(1)} KB ` +
                  `(${Object.entries(bytes).map(([t, b]) => `${t} ${(b / 1000).toFixed(1)} KB`).join(', ')})`);
      assert.ok(bytes.Document > 0 && bytes.Stylesheet > 0 && bytes.Script > 0, 'HTML, CSS and script counted');
      assert.ok(total <= TRANSFER_BUDGET_BYTES, `${total} bytes > ${TRANSFER_BUDGET_BYTES}`);
    });
  }
});

// Installed before any page script: adds up the layout shifts not caused by the visitor's input.
function observeLayoutShifts() {
  window.__layoutShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__layoutShifts.push({
        value: entry.value,
        sources: entry.sources.map((s) => (s.node && s.node.nodeType === 1
          ? `${s.node.tagName.toLowerCase()}.${s.node.className}` : String(s.node && s.node.nodeName))),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

// The cumulative layout shift of a load of `pagePath`. With `lateScript`, the page's script is
// held back until the page has painted, as on a slow connection, so that whatever it changes
// happens in front of the reader.
async function layoutShiftOf(pagePath, viewport, lateScript, origin = server.origin) {
  return withPage({ viewport }, async (page, context) => {
    await context.addInitScript(observeLayoutShifts);
    let release = () => {};
    if (lateScript) {
      const held = new Promise((resolve) => { release = resolve; });
      await context.route('**/assets/js/*.js*', async (route) => { await held; await route.continue(); });
    }
    const loaded = page.goto(origin + pagePath, { waitUntil: 'load' });
    if (lateScript) {
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
      release();
    }
    await loaded;
    // Shifts are reported with the frame that shows them: wait for two more frames.
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) =>
      requestAnimationFrame(() => requestAnimationFrame(resolve)))));
    assert.ok(await page.evaluate(() => !!document.querySelector('script[src*="tremplin.js"]')));
    const shifts = await page.evaluate(() => window.__layoutShifts);
    return { cls: shifts.reduce((a, s) => a + s.value, 0), shifts };
  });
}

describe('layout stability', () => {
  // Zero, not "below 0.1": the pages have no late content (no web fonts, images with their
  // size, scripts that only enhance), and Chromium does not report movements under a few
  // pixels, so any shift at all is a defect to fix rather than noise to tolerate.
  const pages = () => [['home', '/'], ['results', RESULTS_PAGE],
    ['results-filtered', `${RESULTS_PAGE}&family=development`], ['course', `/formations/${ids.course}`],
    ['organisation', `/organismes/${ids.organisation}`]];
  for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    for (const lateScript of [false, true]) {
      it(`no layout shift on a ${device}${lateScript ? ', script arriving after the first paint' : ''}`, async () => {
        const failures = [];
        for (const [name, pagePath] of pages()) {
          const { cls, shifts } = await layoutShiftOf(pagePath, viewport, lateScript);
          figures.cls[`${name}-${device}${lateScript ? '-late-script' : ''}`] = cls;
          if (cls > 0) failures.push(`${name}: CLS ${cls.toFixed(4)} ${JSON.stringify(shifts)}`);
        }
        console.log(`CLS (${device}${lateScript ? ', late script' : ''}): ${failures.length ? failures.join('; ') : '0 on every page'}`);
        assert.deepEqual(failures, []);
      });
    }
  }
});

// A relay between the browser and the server that sends the first `cut` bytes of each HTML
// document at once and the rest `pause` ms later, as a connection that stalls does (a phone
// between cells, TCP's first window), while style sheets and scripts come at once as from a
// cache. The body is asked for uncompressed, so that the cut falls in the HTML itself.
async function startStallingRelay(target, pause) {
  const to = new URL(target);
  const relay = { cut: 0 };
  const proxy = http.createServer((req, res) => {
    const upstream = http.request({
      host: to.hostname, port: to.port, path: req.url, method: req.method,
      headers: { ...req.headers, 'accept-encoding': 'identity' },
    }, (answer) => {
      const chunks = [];
      answer.on('data', (chunk) => chunks.push(chunk));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        res.writeHead(answer.statusCode, answer.headers);
        if (!/^text\/html/.test(answer.headers['content-type'] || '')) return res.end(body);
        res.write(body.subarray(0, relay.cut));
        setTimeout(() => res.end(body.subarray(relay.cut)), pause);
      });
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  relay.origin = `http://127.0.0.1:${proxy.address().port}`;
  relay.close = () => new Promise((resolve) => proxy.close(resolve));
  return relay;
}

describe('layout stability while the HTML is still arriving', () => {
  // The page is not painted before its footer is parsed (layout.tpl); a page painted half
  // received would move once the rest lays out: before that, a desktop's search fields moved
  // when the HTML stalled after 2.5 to 4 KB. Cuts every 500 bytes through the header, the search
  // form and the first results.
  const CUTS = Array.from({ length: 11 }, (_, i) => 1000 + 500 * i);
  const pages = [['home', '/'], ['results', RESULTS_PAGE]];
  for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    it(`no layout shift on a ${device} when the HTML stalls after its first bytes`, async () => {
      const relay = await startStallingRelay(server.origin, 250);
      try {
        const failures = [];
        for (const [name, pagePath] of pages) {
          for (const cut of CUTS) {
            relay.cut = cut;
            const { cls, shifts } = await layoutShiftOf(pagePath, viewport, false, relay.origin);
            if (cls > 0) failures.push(`${name}, stalled after ${cut} bytes: CLS ${cls.toFixed(4)} ${JSON.stringify(shifts)}`);
          }
        }
        console.log(`CLS (${device}, stalled HTML): ${failures.length ? failures.join('; ') : `0 at every cut`}`);
        assert.deepEqual(failures, []);
      } finally {
        await relay.close();
      }
    });
  }
});

describe('images', () => {
  it('every image has a text alternative, empty only when it adds nothing to a text', async () => {
    const problems = [];
    await withPage({ viewport: DESKTOP }, async (page) => {
      for (const entry of publicPages(ids)) {
        for (const lang of LANGS) {
          await page.goto(server.origin + inLanguage(entry.path, lang));
          const found = await page.evaluate(() => {
            const out = [];
            for (const img of document.querySelectorAll('img, input[type="image"], svg, [role="img"]')) {
              const where = img.outerHTML.slice(0, 100);
              if (img.tagName === 'svg' && (img.getAttribute('aria-hidden') === 'true' || img.closest('img'))) continue;
              if (img.tagName === 'svg' || img.getAttribute('role') === 'img') {
                if (!img.getAttribute('aria-label') && !img.getAttribute('aria-labelledby') && !img.querySelector('title')) {
                  out.push(`no name: ${where}`);
                }
                continue;
              }
              if (!img.hasAttribute('alt')) { out.push(`no alt: ${where}`); continue; }
              // A decorative image must not be all there is inside a link or button.
              const control = img.closest('a, button');
              if (img.getAttribute('alt') === '' && control && !control.textContent.trim() &&
                  !control.getAttribute('aria-label')) {
                out.push(`only an empty alt names a link: ${where}`);
              }
            }
            return out;
          });
          problems.push(...found.map((p) => `${entry.name} (${lang}): ${p}`));
        }
      }
    });
    assert.deepEqual(problems, []);
  });
});

// Runs in the page: what makes text hard to read once enlarged — a page wider than the window,
// text outside the window or cut off by a box that hides its overflow. Text inside a box that
// scrolls sideways (the tables' wrappers, a region one can scroll with the keyboard) is allowed
// to extend beyond, as WCAG 1.4.10 allows for data tables.
function readabilityProblems() {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const describe = (el) => `<${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''}>`;
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width} px`);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest('.t-visually-hidden:not(:focus), [hidden], script, style')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      let scrolls = false;
      let clippedBy = null;
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'auto' || s.overflowX === 'scroll') { scrolls = true; break; }
        const box = a.getBoundingClientRect();
        const hidesX = s.overflowX === 'hidden' || s.overflowX === 'clip';
        const hidesY = s.overflowY === 'hidden' || s.overflowY === 'clip';
        if ((hidesX && (r.left < box.left - 1 || r.right > box.right + 1)) ||
            (hidesY && (r.top < box.top - 1 || r.bottom > box.bottom + 1))) {
          clippedBy = a;
          break;
        }
      }
      const text = node.textContent.trim().slice(0, 40);
      if (clippedBy) problems.push(`"${text}" in ${describe(el)} is cut off by ${describe(clippedBy)}`);
      else if (!scrolls && (r.left < -1 || r.right > width + 1)) problems.push(`"${text}" in ${describe(el)} goes past the window (${Math.round(r.left)}–${Math.round(r.right)} px of ${width})`);
      if (clippedBy || (!scrolls && (r.left < -1 || r.right > width + 1))) break;
    }
  }
  return problems;
}

// What visitors type comes back on the page, and may be one long word.
const LONG_WORD = 'Anticonstitutionnellementdéveloppeurs';
const LONG_WORDS = [
  { name: 'long-query', path: `/formations?q=${LONG_WORD}&where=Lyon` },
  { name: 'long-unknown-place', path: `/formations?q=web&where=${LONG_WORD}` },
];

describe('readable when enlarged', () => {
  const modes = [
    // A 1280 × 900 window at 200 % zoom: 640 × 450 CSS pixels, two device pixels each.
    ['zoom 200 %', { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 }, null],
    // WCAG 1.4.10 Reflow (RGAA 10.11): 320 CSS pixels wide, a 1280 px window at 400 %.
    ['320 px wide (zoom 400 %)', { viewport: { width: 320, height: 640 }, deviceScaleFactor: 4 }, null],
    // The browser's text size setting at twice its default (RGAA 10.4), the layout unchanged.
    ['text size 200 %', { viewport: DESKTOP }, { standard: 32, fixed: 26 }],
  ];
  for (const [mode, options, fontSizes] of modes) {
    it(`${mode}: every public page type, French and English`, async () => {
      const problems = [];
      await withPage(options, async (page, context) => {
        if (fontSizes) {
          const cdp = await context.newCDPSession(page);
          await cdp.send('Page.enable');
          await cdp.send('Page.setFontSizes', { fontSizes });
        }
        for (const entry of [...publicPages(ids), ...LONG_WORDS]) {
          for (const lang of LANGS) {
            await page.goto(server.origin + inLanguage(entry.path, lang));
            if (fontSizes) {
              const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
              assert.equal(size, fontSizes.standard, 'the text size setting applies');
            }
            problems.push(...(await page.evaluate(readabilityProblems)).map((p) => `${entry.name} (${lang}): ${p}`));
            if (entry.name === 'results' && lang === 'fr') {
              const file = `enlarged-${mode.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}-results-fr.png`;
              await page.screenshot({ path: path.join(outputDir('screenshots'), file) });
            }
          }
        }
      });
      assert.deepEqual(problems, []);
    });
  }
});
