import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { LOCALES } from '@cognito-triggers/custom-message';
import { CUSTOM_MESSAGE_SOURCES } from '@cognito-triggers/events';
import {
  type CliIo,
  type Command,
  EXIT,
  InputError,
  parseCommandLine,
  progress,
  UsageError,
} from '../command.js';
import { type BrandingSource, loadBranding } from '../gallery/branding.js';
import { renderPreviews } from '../gallery/messages.js';
import { emailPage, indexPage, warningsOf } from '../gallery/pages.js';

const DEFAULT_ENV = 'dev';

const USAGE = `Usage: cognito-triggers preview-messages --out DIR [branding] [--app-name NAME]

Renders every message of the custom message trigger (${CUSTOM_MESSAGE_SOURCES.length} sources × ${LOCALES.length} locales: ${LOCALES.join(', ')}),
email and SMS, into a static HTML gallery: DIR/index.html shows each subject and SMS with its
character count, and links to each email shown in sandboxed frames. The messages are composed by
the trigger's own code (composeMessages), from the environment Terraform gives the Lambda.

Options:
  --out DIR                the gallery folder (created if needed; our files in it are replaced)
  --app-name NAME          APP_NAME, instead of (or in the absence of) app_name in the file

Branding (one of; --env ${DEFAULT_ENV} when none is given):
  --env NAME               terraform/environments/NAME/terraform.tfvars.json of the repository
  --root DIR               the repository root for --env (default: the nearest folder at or
                           above the current one that holds pnpm-workspace.yaml)
  --config FILE            any tfvars JSON file (relative to the current folder)

  -h, --help               show this help

The branding is the file's "settings" object, all strings: app_name, default_locale,
support_email, brand_color, logo_url, app_url, verify_link_url. Other keys are ignored.

A count is marked with ⚠ from 90 % of Cognito's limit on (subject 140, SMS 140, email body
20,000 characters). Progress goes to stderr, the gallery's path to stdout.

Exit codes:
  0   the gallery is written
  2   wrong command line, a branding the Lambda would reject (missing file, "settings" object
      or app_name, a value of the wrong type, an invalid colour or URL), or an --out folder
      that cannot be written

Examples:
  cognito-triggers preview-messages --out .local/gallery --app-name Acme
  cognito-triggers preview-messages --env prod --out /tmp/prod-messages`;

export const previewMessages: Command = {
  name: 'preview-messages',
  summary: 'render every custom message, email and SMS, into an HTML gallery',
  usage: USAGE,
  run,
};

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, {
    out: { type: 'string' },
    env: { type: 'string' },
    root: { type: 'string' },
    config: { type: 'string' },
    'app-name': { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.out === undefined || values.out === '') {
    throw new UsageError('missing --out DIR (where to write the gallery)');
  }
  const branding = await loadBranding(brandingSource(values), io.cwd, values['app-name']);

  const out = resolve(io.cwd, values.out);
  // Before rendering: an --out that cannot be a folder is the user's to fix, and said at once.
  try {
    await mkdir(out, { recursive: true });
  } catch (error) {
    throw new InputError(`--out ${values.out}: cannot create the folder (${reasonOf(error)})`, {
      cause: error,
    });
  }
  const messages = renderPreviews(
    branding.config,
    progress(io, (done, total) => `rendered ${done}/${total}`),
  );
  const meta = {
    appName: branding.config.appName,
    file: branding.file,
    defaultLocale: branding.config.defaultLocale,
    brandColor: branding.config.brandColor,
  };
  const files = new Map<string, string>([['index.html', indexPage(messages, meta)]]);
  for (const message of messages) {
    files.set(message.page, emailPage(message, meta));
    files.set(message.raw, message.response.emailMessage);
  }
  for (const [name, content] of files) await write(join(out, name), content, io.cwd);

  const warnings = warningsOf(messages);
  io.out(
    `gallery: ${join(out, 'index.html')} (${messages.length} messages, ${warnings === 0 ? 'none' : warnings} near a limit)`,
  );
  return EXIT.ok;
}

function brandingSource(values: {
  env?: string | undefined;
  root?: string | undefined;
  config?: string | undefined;
}): BrandingSource {
  if (values.env !== undefined && values.config !== undefined) {
    throw new UsageError('give one branding source, not --env and --config');
  }
  if (values.root !== undefined && values.config !== undefined) {
    throw new UsageError('--root goes with --env only');
  }
  if (values.config !== undefined) return { kind: 'config', file: values.config };
  return {
    kind: 'env',
    env: values.env ?? DEFAULT_ENV,
    root: values.root,
    defaulted: values.env === undefined,
    outsideCheckout: "use --config FILE (an environment's terraform.tfvars.json)",
  };
}

/** Writes one file of the gallery; a folder that cannot be made or written names the path. */
async function write(path: string, content: string, cwd: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  } catch (error) {
    const shown = relative(cwd, path).startsWith('..') ? path : relative(cwd, path);
    throw new InputError(`--out: cannot write ${shown} (${reasonOf(error)})`, { cause: error });
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : String(error);
}
