// The dashboard's lint settings are shared with its libraries.
export { default } from '../../libs/web/eslint.config.mjs';
