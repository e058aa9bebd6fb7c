// The console in a real browser against the real server: sign in, watch a posted alert's report appear
// without a reload, open it and read its findings and verdict, replay a dead letter; the read scope,
// keyboard use and a phone-sized screen. Screenshots go to target/console-screenshots.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, startWebhook, launchBrowser, screenshotPath, sshAlert, lowContrast, BLOCKLISTED, WRITE_TOKEN, READ_TOKEN,
} from './harness.js';

let server;
let webhook;
let browser;

before(async () => {
  webhook = await startWebhook();
  server = await startServer(webhook.port);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  webhook?.server.close();
});

async function signIn(page, token) {
  await page.goto(`${server.base}/`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.live-on').waitFor({ timeout: 10000 });
}

async function waitFor(check, what, timeout = 20000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

test('a posted alert appears live; its report shows findings and the verdict; a dead letter is replayed', { timeout: 120000 }, async () => {
  const page = await browser.newPage();
  const failed = [];
  page.on('requestfailed', (request) => {
    if (!request.url().endsWith('/api/v1/events')) failed.push(request.url());
  });
  const outside = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(server.base)) outside.push(request.url());
  });
  await signIn(page, WRITE_TOKEN);
  await page.getByRole('heading', { name: 'Reports' }).waitFor();
  await page.getByText('No reports yet').waitFor();
  // Marks this document: if the page reloaded, the mark would be gone.
  await page.evaluate(() => { window.notReloaded = true; });

  const accepted = await server.postAlert(sshAlert('i-0console1', BLOCKLISTED));
  const reportId = accepted.reports[0].report_id;
  const row = page.locator(`tr[data-id="${reportId}"]`);
  await row.waitFor({ timeout: 10000 });
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the report appeared without a reload');
  assert.match(await row.innerText(), /guardduty/);
  assert.match(await row.innerText(), /i-0console1/);

  // The review runs once the inspection settles: the same row turns urgent and published, still live.
  await row.locator('.severity-urgent').waitFor({ timeout: 20000 });
  assert.match(await row.innerText(), /published/);
  await page.screenshot({ path: screenshotPath('01-reports-list'), fullPage: true });
  assert.deepEqual(await lowContrast(page), [], 'every text of the list is readable (contrast 4.5:1 at least)');

  await row.getByRole('link').click();
  await page.getByRole('heading', { name: 'SSH brute force against an instance' }).waitFor();
  assert.equal(await page.locator('#verdict-reason').innerText(), 'The source address is on a blocklist');
  const verdicts = page.locator('table.verdicts tbody tr');
  assert.equal(await verdicts.count(), 1);
  assert.match(await verdicts.first().innerText(), /v1\s+urgent\s+The source address is on a blocklist/);
  const finding = page.locator('details.finding', { has: page.locator('summary', { hasText: BLOCKLISTED }) });
  assert.match(await finding.innerText(), /blocklist/);
  assert.match(await finding.innerText(), /blocklisted\s+true/);
  assert.match(await page.locator('details.finding', { has: page.locator('summary', { hasText: 'scanner-66.bad.example' }) }).innerText(),
    /passive-dns[\s\S]*registrar\s+Example Registrar/);
  // The tree: the alert's attributes, under the address what passive-dns found (depth 1), each with the
  // status of its inspections.
  const tree = page.locator('ul.tree');
  assert.match(await tree.innerText(), /Alert received/);
  const source = tree.locator(`li[data-hash]:has-text("${BLOCKLISTED}")`).first();
  assert.match(await source.locator('> .node').innerText(), /depth 0[\s\S]*blocklist: done[\s\S]*passive-dns: done/);
  assert.match(await source.innerText(), /found by passive-dns\s+DOMAIN\s+scanner-66\.bad\.example\s+reverse name[\s\S]*depth 1/);
  const inspections = await page.locator('table.inspections').innerText();
  assert.match(inspections, new RegExp(`${BLOCKLISTED.replaceAll('.', '\\.')}\\s+blocklist\\s+done`));
  assert.match(inspections, /10\.20\.1\.15\s+passive-dns\s+failed\s+1\s+.*private addresses are not in passive DNS/);
  assert.match(inspections, /i-0console1\.internal\.example\.com\s+passive-dns\s+timed out/);
  assert.match(inspections, /203\.0\.113\.67\s+—\s+cut by bounds/);
  assert.equal(await page.locator('ol.timeline > li').count(), 1);
  await page.screenshot({ path: screenshotPath('02-report-detail'), fullPage: true });
  assert.deepEqual(await lowContrast(page), [], 'every text of the report is readable (contrast 4.5:1 at least)');

  // The webhook failed twice, so the delivery is a dead letter; replay it once the receiver is back.
  await page.getByRole('link', { name: 'Dead letters' }).click();
  const deadLetter = page.locator('table.dead-letters tbody tr', { hasText: 'soar' });
  await deadLetter.waitFor({ timeout: 20000 });
  assert.match(await deadLetter.innerText(), /the receiver is down|500/);
  await page.screenshot({ path: screenshotPath('03-dead-letters'), fullPage: true });
  webhook.accepting = true;
  await deadLetter.getByRole('button', { name: /Replay/ }).click();
  await page.locator('p.summary', { hasText: /Replayed: the delivery to soar is/ }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.className), 'summary', 'the focus moved to what happened');
  const delivered = await waitFor(() => webhook.received.find((r) => r.id === reportId), 'the replayed delivery');
  assert.equal(delivered.result.severity, 'urgent');
  await waitFor(async () => (await page.locator('table.dead-letters tbody tr').count()) === 0, 'the dead letter to go');

  await page.getByRole('link', { name: 'Health' }).click();
  await page.getByRole('heading', { name: 'Plugins since start' }).waitFor();
  assert.match(await page.locator('.stat').first().innerText(), /answering/);
  assert.match(await page.locator('table.plugins').innerText(), /emitter\s+soar\s+\d+\s+0\s+2\s+—\s+1/);
  await page.screenshot({ path: screenshotPath('04-health'), fullPage: true });
  assert.deepEqual(await lowContrast(page), [], 'every text of the health panel is readable');

  assert.deepEqual(outside, [], 'the console asks nothing of any other server');
  assert.deepEqual(failed, [], 'no request of the console failed');
  await page.close();
});

test('a wrong token is refused with a message, and the read scope sees but cannot replay', { timeout: 60000 }, async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/`);
  await page.getByLabel('API token').fill('not-a-token-of-this-server');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'does not accept this token' }).waitFor();

  webhook.accepting = false;
  const accepted = await server.postAlert(sshAlert('i-0console2', '203.0.113.99'));
  await waitFor(async () => (await server.get('/api/v1/dead-letters')).items
    .some((d) => d.report_id === accepted.reports[0].report_id), 'a second dead letter');

  await page.getByLabel('API token').fill(READ_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.live-on').waitFor();
  assert.match(await page.locator('#session').innerText(), /signed in as viewer · read/);
  await page.getByRole('link', { name: 'Dead letters' }).click();
  await page.getByText('read scope only').waitFor();
  const replay = page.locator('table.dead-letters tbody tr').first().getByRole('button', { name: /Replay/ });
  assert.equal(await replay.isDisabled(), true);
  await page.close();
});

test('filters and attribute search narrow the list', { timeout: 60000 }, async () => {
  await server.postAlert({ ...sshAlert('i-0other', '198.51.100.23'), detector: 'suricata', rule_id: 'ET SCAN', rule_name: 'ET SCAN sweep' });
  const page = await browser.newPage();
  await signIn(page, READ_TOKEN);
  await page.locator('tr[data-id]').first().waitFor();
  await waitFor(async () => (await page.locator('tr[data-id]').count()) === 3, 'three reports');
  await page.locator('tr[data-id] .severity-unclassified').waitFor({ timeout: 15000 });
  await page.screenshot({ path: screenshotPath('08-reports-list-several'), fullPage: true });

  await page.getByLabel('Attribute value').fill('198.51.100.23');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText(/1 report shown \(searched 3 reports/).waitFor();
  assert.match(await page.locator('tr[data-id]').innerText(), /suricata/);

  await page.goto(`${server.base}/#/reports`);
  await page.getByLabel('Severity').selectOption('urgent');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('2 reports shown').waitFor();
  assert.match(page.url(), /severity=urgent/);
  await page.getByLabel('Detector').fill('suricata');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('No report matches these filters.').waitFor();
  await page.close();
});

test('the console works from the keyboard alone', { timeout: 60000 }, async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/`);
  // The sign-in page puts the cursor in the token field: type, Enter.
  await page.locator('#token:focus').waitFor();
  await page.keyboard.type(READ_TOKEN);
  await page.keyboard.press('Enter');
  await page.locator('.live-on').waitFor();
  await page.locator('tr[data-id]').first().waitFor();
  // A fresh load: the first Tab reaches the skip link, which takes focus to the content.
  await page.reload();
  await page.locator('tr[data-id]').first().waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.notEqual(new URL(page.url()).hash, '#main', 'the skip link leaves the view as it was');
  // Tab through the filters to the first report's link and open it with Enter.
  let focused = '';
  for (let i = 0; i < 40 && !focused.startsWith('report:'); i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => (document.activeElement.closest('tr[data-id]') ? `report:${document.activeElement.tagName}` : document.activeElement.tagName));
  }
  assert.equal(focused, 'report:A', 'a report link is reachable with Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused link is visibly outlined');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Verdicts' }).waitFor();
  await page.close();
});

test('the list and a report fit a phone-sized screen', { timeout: 60000 }, async () => {
  const phone = await launchBrowser({ width: 390, height: 844 });
  try {
    const page = await phone.newPage();
    await signIn(page, READ_TOKEN);
    await page.locator('tr[data-id]').first().waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(await overflow() <= 0, 'the list needs no sideways scrolling');
    await page.screenshot({ path: screenshotPath('05-phone-reports-list'), fullPage: true });
    await page.locator('tr[data-id]', { hasText: 'i-0console1' }).getByRole('link').click();
    await page.getByRole('heading', { name: 'Verdicts' }).waitFor();
    assert.ok(await overflow() <= 0, 'the report needs no sideways scrolling');
    await page.screenshot({ path: screenshotPath('06-phone-report-detail'), fullPage: true });
  } finally {
    await phone.close();
  }
});

test('the dark colour scheme is as readable as the light one', { timeout: 60000 }, async () => {
  const page = await browser.newPage();
  await page.emulateMedia({ colorScheme: 'dark' });
  await signIn(page, READ_TOKEN);
  await page.locator('tr[data-id]').first().waitFor();
  assert.deepEqual(await lowContrast(page), [], 'the list');
  await page.locator('tr[data-id] a').first().click();
  await page.getByRole('heading', { name: 'Verdicts' }).waitFor();
  assert.deepEqual(await lowContrast(page), [], 'a report');
  await page.screenshot({ path: screenshotPath('07-dark-report-detail'), fullPage: true });
  await page.close();
});

test('an open report shows its inspections and verdict as they settle, without a reload', { timeout: 60000 }, async () => {
  const page = await browser.newPage();
  await signIn(page, READ_TOKEN);
  const accepted = await server.postAlert(sshAlert('i-0console3', '203.0.113.70'));
  const reportId = accepted.reports[0].report_id;
  await page.goto(`${server.base}/#/reports/${reportId}`);
  await page.getByRole('heading', { name: 'Verdicts' }).waitFor();
  await page.evaluate(() => { window.notReloaded = true; });
  // passive-dns takes longer than its one-second timeout for the instance name.
  await page.locator('table.inspections', { hasText: 'timed out' }).waitFor({ timeout: 15000 });
  await page.locator('#verdict-reason').filter({ hasText: 'The source address is on a blocklist' }).waitFor({ timeout: 15000 });
  assert.equal(await page.evaluate(() => window.notReloaded), true);
  await page.close();
});
