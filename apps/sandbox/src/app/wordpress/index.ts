export { WORDPRESS_BASE_PATH, createWordPressEmulator } from './wordpress-emulator';
export { type WordPressState, createWordPressState } from './wordpress-state';
