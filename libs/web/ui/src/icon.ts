// The icon alone, for the shell (toolbar, navigation) and whatever it loads up front: importing it
// from here rather than from `@carecast/web/ui` keeps the rest of the kit (dialogs, session list...)
// out of the first download, in the pages that use it.
export * from './lib/icon/icon';
export * from './lib/icon/icon-paths';
