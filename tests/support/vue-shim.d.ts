/** For the Node-side typecheck of tests that import renderer modules (screens.ts): a .vue file is a component. */
declare module '*.vue' {
  const component: import('vue').Component;
  export default component;
}
