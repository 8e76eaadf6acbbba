// End-to-end tests of `ascribe serve` in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core). Starts the server on a free loopback port, drives the pages as a person would,
// and stops everything it started. Run with `npm test` after building src/Ascribe.Cli (Release).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const ascribeDll = process.env.ASCRIBE_DLL ?? join(root, 'src/Ascribe.Cli/bin/Release/net10.0/ascribe.dll');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const sample = readFileSync(join(root, 'tests/data/putin-inner-circle.txt'), 'utf8');
const shots = process.env.E2E_SCREENSHOTS; // folder for screenshots, when set

let server, base, context, page, workDir;

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

async function waitForServer(url, child, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`ascribe serve exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`ascribe serve did not answer at ${url} within ${ms} ms`);
}

/** The report's article text without the numbered flag markers the report inserts. */
function articleText() {
  return page.locator('#text').evaluate(el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('a.fmark').forEach(a => a.remove());
    return copy.textContent;
  });
}

async function shot(name) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
}

before(async () => {
  assert.ok(existsSync(ascribeDll), `build the CLI first: ${ascribeDll} is missing`);
  assert.ok(existsSync(chromiumPath), `Chromium is missing at ${chromiumPath} (apt-get install chromium)`);
  workDir = mkdtempSync(join(tmpdir(), 'ascribe-e2e-'));
  // A small store: the sample article and three wire stories with a quote repeated across outlets.
  const db = join(workDir, 'corpus.db');
  const ingest = spawnSync('dotnet', [ascribeDll, 'ingest', join(root, 'tests/data/putin-inner-circle.txt'),
    join(here, 'corpus/wire.jsonl'), '--db', db], { encoding: 'utf8' });
  assert.equal(ingest.status, 0, `ascribe ingest failed: ${ingest.stderr}`);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn('dotnet', [ascribeDll, 'serve', '--db', db, '--urls', base], { stdio: ['ignore', 'inherit', 'inherit'], cwd: workDir });
  await waitForServer(base + '/', server, 60_000);
  context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(20_000);
});

after(async () => {
  await context?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise(r => server.once('exit', r));
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

test('pasting the sample article shows the speakers panel and highlights', async () => {
  await page.goto(base + '/');
  await page.fill('#paste input[name=title]', 'Negotiations behind Putin\'s back');
  await page.fill('#paste textarea[name=text]', sample);
  await Promise.all([page.waitForURL(base + '/analyze'), page.click('#paste button[type=submit]')]);

  // The report page is the HTML report: sources panel, highlights coloured by speaker.
  const sources = page.locator('#sources tr.source');
  assert.ok(await sources.count() >= 3, 'at least three sources listed');
  assert.ok(await page.locator('#sources').isVisible());
  const tschernak = page.locator('#sources tr.source', { hasText: 'Tschernak' }).first();
  assert.ok(await tschernak.isVisible());

  assert.ok(await page.locator('#text span.content').count() >= 10, 'quoted content highlighted');
  assert.ok(await page.locator('#text span.cue').count() >= 10, 'cues highlighted');
  const source = page.locator('#text span.src', { hasText: 'Tschernak' }).first();
  assert.ok(await source.isVisible());
  // The highlight and the panel's swatch carry the same speaker colour class.
  const speakerClass = el => [...el.classList].find(c => /^sp\d+$/.test(c));
  assert.equal(await source.evaluate(speakerClass), await tschernak.locator('.swatch').evaluate(speakerClass));
  const text = await articleText();
  for (const line of sample.split('\n').map(l => l.trim()).filter(l => l.length > 0)) {
    assert.ok(text.includes(line), `the report shows: ${line.slice(0, 60)}`);
  }
  await shot('report');
});

test('a pasted article with <script> and event handlers executes nothing', async () => {
  const dialogs = [];
  const onDialog = d => { dialogs.push(d.message()); d.dismiss(); };
  page.on('dialog', onDialog);
  try {
    const payload = [
      '"<script>window.__pwned = 1; alert("script")</script> is what they wrote," the spokesman said.',
      '<img src=x onerror="window.__pwned = 2; alert(\'img\')"> <svg onload="window.__pwned = 3"></svg>',
      '<iframe srcdoc="<script>parent.__pwned = 4</script>"></iframe> <a href="javascript:window.__pwned=5">link</a>',
      '"</mark></article><script>window.__pwned = 6</script>," she said.',
    ].join('\n\n');
    await page.goto(base + '/');
    await page.fill('#paste input[name=title]', '<img src=x onerror="window.__pwned=7">');
    await page.fill('#paste textarea[name=text]', payload);
    await Promise.all([page.waitForURL(base + '/analyze'), page.click('#paste button[type=submit]')]);
    await page.waitForTimeout(500);

    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.evaluate(() => window.parent.__pwned), undefined);
    assert.deepEqual(dialogs, []);
    assert.equal(await page.locator('script').count(), 0);
    assert.equal(await page.locator('img, svg, iframe, object, embed, a[href^="javascript"]').count(), 0);
    // The markup is shown as text, exactly as pasted.
    const shown = await articleText();
    for (const paragraph of payload.split('\n\n')) assert.ok(shown.includes(paragraph), paragraph);
    assert.equal(await page.locator('h1').textContent(), '<img src=x onerror="window.__pwned=7">');
    await shot('xss');
  } finally {
    page.off('dialog', onDialog);
  }
});

test('searching the store and opening a speaker page', async () => {
  await page.goto(base + '/');
  await page.fill('form.navsearch input[name=q]', 'bridge');
  await Promise.all([page.waitForURL(/\/search\?q=bridge/), page.click('form.navsearch button')]);
  const rows = page.locator('#results tr.hit');
  assert.ok(await rows.count() >= 2, 'search finds the bridge quotes');
  assert.ok(await page.locator('#results', { hasText: 'Valley Courier' }).isVisible());
  await shot('search');

  await Promise.all([page.waitForURL(/\/speakers\//), page.locator('#results a.speaker', { hasText: 'Helen Brandt' }).first().click()]);
  assert.match(await page.locator('#speaker-name').textContent(), /Helen Brandt/);
  assert.match(await page.locator('#aliases').textContent(), /Brandt/);
  const outlets = await page.locator('#outlets tbody tr').allTextContents();
  assert.ok(outlets.some(o => o.includes('Harbor Gazette')) && outlets.some(o => o.includes('Valley Courier')), outlets.join(' | '));
  assert.ok(await page.locator('#timeline tbody tr').count() >= 1);
  assert.ok(await page.locator('#recent tr.hit').count() >= 2);
  await shot('speaker');

  // From a quote to its article: the stored text with highlights.
  await Promise.all([page.waitForURL(/\/documents\/\d+$/), page.locator('#recent tr.hit a[href^="/documents/"]').first().click()]);
  assert.ok(await page.locator('#text mark').count() >= 2);
  assert.ok(await page.locator('#speakers li.speaker a[href^="/speakers/"]').count() >= 1, 'speakers link to their pages');
});

test('tracked quotes list the repeated quote with its first appearance', async () => {
  await page.goto(base + '/tracked');
  const first = page.locator('section.tracked').first();
  assert.match(await first.textContent(), /We will rebuild the bridge/);
  assert.match(await first.locator('tr.hit').first().textContent(), /Harbor Gazette/);
});

test('the API answers with security headers and problem details', async () => {
  const r = await page.request.post(base + '/api/analyze', { data: { nothing: true } });
  assert.equal(r.status(), 400);
  assert.match(r.headers()['content-type'], /application\/problem\+json/);
  assert.match(r.headers()['content-security-policy'], /script-src 'none'/);
  assert.equal(r.headers()['x-frame-options'], 'DENY');
});
