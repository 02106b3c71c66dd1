/** The sync protocol shared by the desk (src/sync) and the centre (src/server). */
export * from './events';
export * from './messages';
export * from './cursor';
export * from './errors';
