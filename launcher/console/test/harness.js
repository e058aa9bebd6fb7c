// What the browser tests run against: the built server jar as a separate process, configured with a
// blocklist inspector, the policy reviewer and a webhook that fails until told to accept, so that a
// dead letter can be made and replayed; and Debian's Chromium driven by playwright-core.

import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const JAR = resolve(process.env.ALERTRESPONDER_JAR || join(here, '../../target/alertresponder.jar'));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOTS = resolve(process.env.SCREENSHOT_DIR || join(here, '../../target/console-screenshots'));
export const WRITE_TOKEN = 'console-test-write-token-0123456789';
export const READ_TOKEN = 'console-test-read-token-0123456789';
export const BLOCKLISTED = '203.0.113.66';

// Without the background-networking flags Chromium keeps trying to reach Google's services, which a
// closed network refuses; a fresh profile per run keeps one run from seeing another's state.
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

// What the `passive-dns` test inspector (the `http` inspector type) knows: the blocklisted address has a
// name, which the engine then inspects in turn (depth 1); that name points at one more address, which
// max-depth 1 cuts; the instance address makes the inspector fail, and the instance name makes it
// answer later than the inspector's timeout.
const PASSIVE_DNS = {
  [BLOCKLISTED]: {
    findings: [{ type: 'host', content: { hostname: ['scanner-66.bad.example'], first_seen: '2026-11-20' } }],
    attributes: [{ type: 'domain', key: 'reverse name', value: 'scanner-66.bad.example', context: ['remote'] }],
  },
  'scanner-66.bad.example': {
    findings: [{ type: 'host', content: { registrar: 'Example Registrar', created: '2026-11-01' } }],
    attributes: [{ type: 'ipaddr', key: 'resolves to', value: '203.0.113.67', context: ['remote'] }],
  },
};

/**
 * A local HTTP peer on 127.0.0.1: the webhook the `soar` emitter posts to (it answers 500 until
 * `accepting` is set) and, under /inspect, the `passive-dns` inspector.
 */
export async function startWebhook() {
  const hook = { accepting: false, received: [], failed: 0 };
  hook.server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      if (request.url === '/inspect') {
        const value = JSON.parse(body).attribute.value;
        if (value.endsWith('.internal.example.com')) {
          setTimeout(() => response.writeHead(204).end(), 3000);
        } else if (value === '10.20.1.15') {
          response.writeHead(400, { 'Content-Type': 'text/plain' }).end('private addresses are not in passive DNS');
        } else if (PASSIVE_DNS[value]) {
          response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(PASSIVE_DNS[value]));
        } else {
          response.writeHead(204).end();
        }
      } else if (hook.accepting) {
        hook.received.push(JSON.parse(body));
        response.writeHead(204).end();
      } else {
        hook.failed += 1;
        response.writeHead(500, { 'Content-Type': 'text/plain' }).end('the receiver is down for the test');
      }
    });
  });
  await new Promise((ok) => hook.server.listen(0, '127.0.0.1', ok));
  hook.port = hook.server.address().port;
  return hook;
}

/** Starts the jar with its own folder and configuration; resolves once /readyz says ready. */
export async function startServer(webhookPort) {
  if (!existsSync(JAR)) {
    throw new Error(`no server jar at ${JAR}: build it first (mvn -B package -DskipTests)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'alertresponder-console-'));
  mkdirSync(join(dir, 'feeds'));
  writeFileSync(join(dir, 'feeds/drop.txt'), '; a Spamhaus DROP style feed\n203.0.113.0/24 ; SBL0001\n');
  writeFileSync(join(dir, 'policy.yaml'), `rules:
  - name: blocklisted-address
    when: findings.from("blocklist", "host").exists(f, f.content.blocklisted == true)
    severity: urgent
    reason: The source address is on a blocklist
default: {severity: unclassified, reason: No policy rule matched; an analyst should look}
`);
  const port = await freePort();
  writeFileSync(join(dir, 'config.yaml'), `http:
  port: ${port}
  request-log: false
  auth:
    tokens:
      - {name: analyst, scopes: [read, write], env: CONSOLE_WRITE_TOKEN}
      - {name: viewer, scopes: [read], env: CONSOLE_READ_TOKEN}
store: {type: memory}
inspection: {delay: 0s, max-depth: 1}
review: {delay: 2s, early: true}
emission:
  max-attempts: 2
  backoff: {initial: 200ms, max: 200ms}
inspectors:
  - name: blocklist
    type: blocklist
    options:
      feeds: [{path: feeds/drop.txt}]
  - name: passive-dns
    type: http
    attribute-types: [ipaddr, domain]
    max-attempts: 1
    timeout: 1s
    cache-ttl: 0s
    options:
      url: http://127.0.0.1:${webhookPort}/inspect
      request-timeout: 5s
reviewer:
  name: policy
  type: policy
  options: {file: policy.yaml}
emitters:
  - name: soar
    type: webhook
    min-severity: urgent
    options:
      url: http://127.0.0.1:${webhookPort}/hooks/alertresponder
`);
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin/java') : 'java';
  const child = spawn(java, ['-jar', JAR, 'serve', '--config', join(dir, 'config.yaml')], {
    cwd: dir,
    env: { ...process.env, CONSOLE_WRITE_TOKEN: WRITE_TOKEN, CONSOLE_READ_TOKEN: READ_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server was not ready within 60 s:\n${output}`);
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  return {
    base,
    dir,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
      await exited;
      clearTimeout(timer);
    },
    async postAlert(alert) {
      const response = await fetch(`${base}/api/v1/alerts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${WRITE_TOKEN}` },
        body: JSON.stringify(alert),
      });
      if (response.status !== 202) throw new Error(`posting the alert got ${response.status}: ${await response.text()}`);
      return response.json();
    },
    async get(path) {
      const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${READ_TOKEN}` } });
      if (!response.ok) throw new Error(`GET ${path} got ${response.status}`);
      return response.json();
    },
  };
}

/** Debian's Chromium, headless, with a fresh profile. */
export async function launchBrowser(viewport = { width: 1280, height: 800 }) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install it with launcher/console/install-browser.sh (Debian: apt-get install chromium)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'alertresponder-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
  });
  return context;
}

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

/** An SSH brute-force alert from `source` on instance `key`, in the wire format. */
export function sshAlert(key, source) {
  return {
    detector: 'guardduty',
    rule_id: 'UnauthorizedAccess:EC2/SSHBruteForce',
    rule_name: 'SSH brute force against an instance',
    alert_key: key,
    description: `${source} is performing SSH brute force attacks against ${key}`,
    attributes: [
      { type: 'ipaddr', key: 'source address', value: source, context: ['remote'] },
      { type: 'ipaddr', key: 'instance address', value: '10.20.1.15', context: ['local'] },
      { type: 'domain', key: 'instance name', value: `${key}.internal.example.com`, context: ['local'] },
    ],
  };
}

/**
 * Every element of the page that shows text, whose contrast with the background it is drawn on is below
 * `minimum` (WCAG's ratio; AA asks 4.5 for body text). Run in the page.
 */
export function lowContrast(page, minimum = 4.5) {
  return page.evaluate((min) => {
    const rgb = (text) => (text.match(/[\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => [r, g, b].map((c) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const background = (element) => {
      for (let e = element; e; e = e.parentElement) {
        const [r, g, b, a = 1] = rgb(getComputedStyle(e).backgroundColor);
        if (a > 0.5) return [r, g, b];
      }
      return [255, 255, 255];
    };
    const found = [];
    for (const element of document.querySelectorAll('body *')) {
      const own = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      const style = getComputedStyle(element);
      if (!own || style.visibility === 'hidden' || element.closest('.visually-hidden, [hidden]') || !element.getClientRects().length) continue;
      const [r, g, b, a = 1] = rgb(style.color);
      const opacity = Number(style.opacity) * (element.closest('button:disabled') ? 0.55 : 1);
      if (opacity < 1 || a < 1) continue; // Disabled controls are exempt from the contrast rule.
      const l1 = luminance([r, g, b]);
      const l2 = luminance(background(element));
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      if (ratio < min) found.push(`${element.tagName.toLowerCase()}.${element.className} "${element.textContent.trim().slice(0, 30)}": ${ratio.toFixed(2)}`);
    }
    return found;
  }, minimum);
}
