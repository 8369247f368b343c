export type { Catalog, MessageText, SourceKey } from './catalog.js';
export {
  type CustomMessageConfig,
  customMessageConfig,
  DEFAULT_BRAND_COLOR,
  MAX_APP_NAME_LENGTH,
  MAX_URL_LENGTH,
} from './config.js';
export { type EmailView, renderEmail } from './layout.js';
export {
  CATALOGS,
  FALLBACK_LOCALE,
  findLocale,
  LOCALES,
  type Locale,
  resolveLocale,
} from './locale.js';
export {
  type ComposeResult,
  composeMessages,
  MAX_LINK_EMAIL_LENGTH,
  MAX_SHOWN_EMAIL_LENGTH,
  MAX_SHOWN_NAME_LENGTH,
  type MessageRequest,
  type MessageResponse,
  SkipReason,
  sourceKey,
} from './messages.js';
export { SETTINGS } from './settings.js';
export { escapeHtml, fillHtml, fillText, type Html, userText } from './text.js';
