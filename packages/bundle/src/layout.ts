/** Where a trigger package keeps its entry point and its build outputs, relative to its folder. */
export const ENTRY = 'src/handler.ts';
/** The trigger's own modules; a lazy module must resolve inside it. */
export const SRC_DIR = 'src';
export const OUT_DIR = 'dist';
/** The file Lambda loads at cold start. */
export const BUNDLE = `${OUT_DIR}/index.mjs`;
export const HANDLER_EXPORT = 'handler';

/** Lambda settings every trigger shares; Terraform reads them from the manifest. */
export const LAMBDA_HANDLER = `index.${HANDLER_EXPORT}`;
export const LAMBDA_RUNTIME = 'nodejs22.x';
