// Two builds:
//  - the panel: ui.frontend -> ui.frontend/dist/clientlib-setup/{setup.js,setup.css}, turned into an AEM
//    clientlib by aem-clientlib-generator. Coral and Granite are page globals (window.Coral,
//    window.Granite) and are never bundled: a second Coral swaps window.customElements under AEM's.
//  - the emulator's stand-in for AEM's Granite foundation clientlib (emulator/browser), used only by
//    the local emulator and the jsdom tests; it never reaches the content package.
const path = require('path');
const webpack = require('webpack');
const MiniCssExtractPlugin = require('mini-css-extract-plugin');
const MinimizerPlugin = require('minimizer-webpack-plugin');

const tsRule = (configFile) => ({
  test: /\.ts$/,
  exclude: /node_modules/,
  use: {
    loader: 'ts-loader',
    // Type checking is `npm run typecheck`'s job; the bundle build only transpiles.
    options: { configFile, transpileOnly: true, compilerOptions: { module: 'esnext', target: 'ES2022', sourceMap: false, noEmit: false } },
  },
});

// swc's minifier (the @swc/core that Jest's transform already uses): Terser took most of the
// build's CPU.
const minimizer = (options = {}) => [
  new MinimizerPlugin({ test: /\.js$/, minify: MinimizerPlugin.swcMinify, extractComments: false, ...options }),
];

const common = {
  mode: 'production',
  devtool: false,
  target: ['web', 'es2022'],
  resolve: { extensions: ['.ts', '.js'] },
  output: { hashFunction: 'sha256' },
  optimization: { moduleIds: 'deterministic', splitChunks: false, minimizer: minimizer() },
  stats: 'errors-warnings',
};

const panel = {
  ...common,
  name: 'panel',
  entry: { setup: './ui.frontend/src/app/main.ts' },
  output: {
    ...common.output,
    path: path.resolve(__dirname, 'ui.frontend/dist/clientlib-setup'),
    filename: '[name].js',
    // The parts build writes parts/ beside this one.
    clean: { keep: /^parts\// },
  },
  externals: { '@adobe/coral-spectrum': 'Coral' },
  externalsType: 'window',
  module: {
    rules: [tsRule(path.resolve(__dirname, 'tsconfig.json')), { test: /\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] }],
  },
  plugins: [new MiniCssExtractPlugin({ filename: '[name].css' }), new webpack.DefinePlugin({ __BPSETUP_PARTS__: 'true' })],
  // The page bundle must stay small: Coral alone is 1 MB, so past this size something (Coral, a
  // polyfill, node-forge) got bundled by mistake. Today the panel is about 70 KB (22 KB gzip).
  performance: { hints: 'error', maxAssetSize: 128 * 1024, maxEntrypointSize: 128 * 1024 },
};

// The parts (app/parts.ts, listed in app/parts.json): each a separately built script that puts its
// exports on window.__bpsetupParts[name]. A part bundles its own copy of the code it uses; none of
// it keeps state (the page's AEM session comes with the page context).
const PARTS = Object.fromEntries(
  Object.entries(require('./ui.frontend/src/app/parts.json')).map(([name, module]) => [name, `./ui.frontend/src/${module}.ts`]),
);

const panelParts = {
  ...common,
  name: 'panel-parts',
  entry: PARTS,
  output: {
    ...common.output,
    path: path.resolve(__dirname, 'ui.frontend/dist/clientlib-setup/parts'),
    filename: '[name].js',
    library: { type: 'window', name: ['__bpsetupParts', '[name]'] },
    clean: true,
  },
  externalsType: 'window',
  externals: { '@adobe/coral-spectrum': 'Coral' },
  // node-forge's own minified browser build, left as it is: re-minifying its 290 KB took most of
  // the build time.
  resolve: { ...common.resolve, alias: { 'node-forge$': path.resolve(__dirname, 'node_modules/node-forge/dist/forge.min.js') } },
  optimization: {
    ...common.optimization,
    minimizer: minimizer({ exclude: /^certificate-work/ }),
  },
  module: { noParse: /node-forge[\\/]dist[\\/]forge\.min\.js$/, rules: [tsRule(path.resolve(__dirname, 'tsconfig.json'))] },
  plugins: [new webpack.DefinePlugin({ __BPSETUP_PARTS__: 'true' })],
  performance: { hints: false },
};

const graniteStandIn = {
  ...common,
  name: 'granite-stand-in',
  entry: { granite: './emulator/browser/granite.ts' },
  output: {
    ...common.output,
    path: path.resolve(__dirname, 'build/emulator-static'),
    filename: '[name].js',
  },
  externals: { jquery: 'jQuery' },
  externalsType: 'window',
  module: { rules: [tsRule(path.resolve(__dirname, 'tsconfig.json'))] },
  performance: { hints: false },
};

module.exports = [panel, panelParts, graniteStandIn];
