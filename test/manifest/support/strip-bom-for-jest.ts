/**
 * @microsoft/app-manifest requires strip-bom 5, an ES module. Node (>= 20.19) and tsx load it with
 * require(); Jest's module loader only does for packages on the transform allow-list in
 * jest.config.js. Tests that validate import this first and stand in the CommonJS equivalent
 * (strip-bom only drops a leading U+FEFF, and only the package's file readers use it, not the
 * schema validation tested here).
 */
jest.mock(require.resolve('strip-bom', { paths: [require.resolve('@microsoft/app-manifest')] }), () => ({
  __esModule: true,
  default: (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
}));

export {};
