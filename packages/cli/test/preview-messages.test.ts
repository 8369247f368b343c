import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeMessages, customMessageConfig, LOCALES } from '@cognito-triggers/custom-message';
import { CustomMessageSource } from '@cognito-triggers/events';
import { ALL_SOURCES, customMessageEvent } from '@cognito-triggers/events/testing';
import { chromium as playwright } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPreviews } from '../src/gallery/messages.js';
import { PACKAGE_DIR, REPO_ROOT, run, scratch } from './run.js';

const DEV_FILE = 'terraform/environments/dev/terraform.tfvars.json';
const HELP_HINT = 'Run "cognito-triggers preview-messages --help"';
const MESSAGES = ALL_SOURCES.customMessage.length * LOCALES.length;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `preview-messages: no Chromium at ${CHROMIUM}: the gallery screenshot test is skipped (run .ci/install-chromium, or set CHROMIUM_PATH)`,
  );
}

let work: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  work = await scratch({
    'branding.json': JSON.stringify({
      aws_region: 'eu-west-1',
      settings: {
        app_name: 'Acme <Cloud>',
        default_locale: 'de',
        brand_color: '#e11d48',
        support_email: 'help@acme.example',
        allowed_email_domains: ['ignored.example'],
      },
    }),
    'nameless.json': JSON.stringify({ settings: { brand_color: '#e11d48', logo_url: null } }),
    'insecure.json': JSON.stringify({
      settings: { app_name: 'Acme', logo_url: 'http://cdn.acme.example/l.png' },
    }),
    'numeric.json': JSON.stringify({ settings: { app_name: 42 } }),
    'top-level.json': JSON.stringify({ app_name: 'Acme' }),
    'a-file': '',
  });
});
afterAll(async () => work.cleanup());

const htmlFiles = async (dir: string) =>
  (await readdir(dir)).filter((name) => name.endsWith('.html'));

describe('preview-messages', () => {
  it('documents its options with --help', async () => {
    const { code, stdout } = await run(['preview-messages', '--help']);
    expect(code).toBe(0);
    for (const option of ['--out DIR', '--env NAME', '--config FILE', '--app-name NAME']) {
      expect(stdout).toContain(option);
    }
    expect((await run(['--help'])).stdout).toMatch(/^ {2}preview-messages +render every/m);
  });

  it('renders each source of the CustomMessageSource event type in each locale, none left out', () => {
    const config = customMessageConfig.load({ APP_NAME: 'Acme' });

    const rendered = renderPreviews(config).map(({ source, locale }) => `${source} ${locale}`);

    const expected = Object.values(CustomMessageSource).flatMap((source) =>
      LOCALES.map((locale) => `${source} ${locale}`),
    );
    expect(rendered.toSorted()).toEqual(expected.toSorted());
  });

  it('renders every source in every locale of the dev environment, as the trigger composes it', async () => {
    const out = join(work.dir, 'dev-gallery');
    const { code, stdout, stderr } = await run(['preview-messages', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `gallery: ${join(out, 'index.html')} (${MESSAGES} messages, none near a limit)\n`,
    );
    // Standard error is a pipe here, not a terminal: one summary line, not one per message.
    expect(stderr).toBe(`rendered ${MESSAGES}/${MESSAGES}\n`);
    expect(await htmlFiles(join(out, 'email'))).toHaveLength(MESSAGES);
    expect(await htmlFiles(join(out, 'raw'))).toHaveLength(MESSAGES);

    // The raw email is what the Lambda would send, with the environment Terraform gives it.
    const { settings } = JSON.parse(await readFile(join(REPO_ROOT, DEV_FILE), 'utf8'));
    const config = customMessageConfig.load({
      APP_NAME: settings.app_name,
      DEFAULT_LOCALE: settings.default_locale,
      SUPPORT_EMAIL: settings.support_email,
      BRAND_COLOR: settings.brand_color,
      LOGO_URL: settings.logo_url ?? undefined,
      APP_URL: settings.app_url,
      VERIFY_LINK_URL: settings.verify_link_url,
    });
    const expected = composeMessages(
      config,
      customMessageEvent('CustomMessage_ResendCode', {
        userAttributes: { given_name: 'Ana', name: 'Ana García', locale: 'es' },
      }),
    );
    expect(expected.composed && expected.response.emailMessage).toBe(
      await readFile(join(out, 'raw/ResendCode.es.html'), 'utf8'),
    );

    const index = await readFile(join(out, 'index.html'), 'utf8');
    expect(index).toContain(`from <code>${DEV_FILE}</code>`);
    expect(index.match(/<td class="cell"/g)).toHaveLength(MESSAGES);
    expect(index).toContain('<a class="subject" href="email/ResendCode.es.html">');
  });

  it('shows each email escaped in a sandboxed frame, with the subject and SMS counted', async () => {
    const out = join(work.dir, 'branded');
    const { code } = await run(
      ['preview-messages', '--config', 'branding.json', '--out', out],
      work.dir,
    );
    expect(code).toBe(0);
    const page = await readFile(join(out, 'email/AdminCreateUser.de.html'), 'utf8');
    const raw = await readFile(join(out, 'raw/AdminCreateUser.de.html'), 'utf8');
    expect(page).toContain('<iframe sandbox=""');
    expect(page).toContain(
      `srcdoc="${raw.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll("'", '&#39;')}"`,
    );
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('Ihre Einladung zu Acme &lt;Cloud&gt; <span class="count"');
    expect(page).toMatch(/Ihr vorläufiges Passwort \{####\} <span class="count"[^>]*>\d+\/140</);
    const index = await readFile(join(out, 'index.html'), 'utf8');
    expect(index).toContain('<th>de (default)</th>');
    expect(index).toContain('<title>Messages of Acme &lt;Cloud&gt;</title>');
  });

  it('takes APP_NAME from --app-name when the file has none, and over the file', async () => {
    const out = join(work.dir, 'named');
    const missing = await run(
      ['preview-messages', '--config', 'nameless.json', '--out', out],
      work.dir,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      'cognito-triggers preview-messages: nameless.json: settings.app_name is not set: add it to the file, or pass --app-name NAME\n',
    );
    expect(missing.stderr).toContain(HELP_HINT);

    const named = await run(
      ['preview-messages', '--config', 'branding.json', '--app-name', 'Zeta', '--out', out],
      work.dir,
    );
    expect(named.code).toBe(0);
    expect(await readFile(join(out, 'raw/SignUp.fr.html'), 'utf8')).toContain(
      'Votre code de vérification Zeta',
    );
  });

  it('refuses a branding the Lambda would reject, naming the file and the key', async () => {
    const out = join(work.dir, 'refused');
    const insecure = await run(
      ['preview-messages', '--config', 'insecure.json', '--out', out],
      work.dir,
    );
    expect(insecure.code).toBe(2);
    expect(insecure.stderr).toContain(
      'insecure.json: settings.logo_url: must be an https:// URL, got "http://cdn.acme.example/l.png"',
    );
    const numeric = await run(
      ['preview-messages', '--config', 'numeric.json', '--out', out],
      work.dir,
    );
    expect(numeric.stderr).toContain('numeric.json: settings.app_name: must be a string');
    const topLevel = await run(
      ['preview-messages', '--config', 'top-level.json', '--out', out],
      work.dir,
    );
    expect(topLevel.code).toBe(2);
    expect(topLevel.stderr).toContain(
      'top-level.json: no "settings" object: the policy keys (allowed_email_domains, …) live under "settings"',
    );
    const long = await run(
      ['preview-messages', '--config', 'branding.json', '--app-name', 'A'.repeat(41), '--out', out],
      work.dir,
    );
    expect(long.stderr).toContain('--app-name: must be at most 40 characters');
    const unknown = await run(['preview-messages', '--env', 'nowhere', '--out', out]);
    expect(unknown.stderr).toMatch(
      /no policy file at terraform\/environments\/nowhere\/terraform\.tfvars\.json \(environments found: .*dev/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('names an --out it cannot write, and asks for a missing one', async () => {
    const blocked = await run(
      ['preview-messages', '--out', 'a-file/gallery', '--config', 'branding.json'],
      work.dir,
    );
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain(
      'cognito-triggers preview-messages: --out a-file/gallery: cannot create the folder (ENOTDIR)\n',
    );
    expect(blocked.stderr).not.toContain('rendered');
    const missing = await run(['preview-messages']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --out DIR');
    const both = await run([
      'preview-messages',
      '--out',
      'x',
      '--env',
      'dev',
      '--config',
      'y.json',
    ]);
    expect(both.stderr).toContain('give one branding source, not --env and --config');
  });

  it.skipIf(!hasChromium)(
    `opens in headless Chromium (${CHROMIUM}; skipped where missing: run .ci/install-chromium)`,
    async () => {
      const out = join(work.dir, 'browsed');
      expect((await run(['preview-messages', '--out', out])).code).toBe(0);
      const results = join(PACKAGE_DIR, 'test-results');
      await mkdir(results, { recursive: true });

      const browser = await playwright.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
        await page.goto(`file://${join(out, 'index.html')}`);
        expect(await page.title()).toBe('Messages of Example (dev)');
        expect(await page.locator('td.cell').count()).toBe(MESSAGES);
        expect(await page.locator('tbody th.source').count()).toBe(
          ALL_SOURCES.customMessage.length,
        );
        await page.screenshot({ path: join(results, 'gallery-index.png'), fullPage: true });

        await page
          .locator('td[data-source="CustomMessage_SignUp"][data-locale="de"] a.subject')
          .click();
        await page.waitForURL(/email\/SignUp\.de\.html$/);
        const email = page.frameLocator('iframe').first().locator('body');
        // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered is the point
        const text = await email.innerText();
        expect(text).toContain('Example (dev)');
        expect(text).toContain('{####}');
        expect(text).toContain('Hallo Ana,');
        expect(await email.locator('a', { hasText: 'E-Mail-Adresse bestätigen' }).count()).toBe(1);
        await page.screenshot({ path: join(results, 'gallery-email.png'), fullPage: true });
      } finally {
        await browser.close();
      }
      expect(existsSync(join(results, 'gallery-index.png'))).toBe(true);
    },
    60_000,
  );
});
