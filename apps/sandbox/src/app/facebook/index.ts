export { FACEBOOK_GRAPH_BASE_PATH, createFacebookEmulator } from './facebook-emulator';
export { type FacebookState, createFacebookState } from './facebook-state';
