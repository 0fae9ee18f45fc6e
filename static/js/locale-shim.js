// plotly.js-locales ships CommonJS files (module.exports = {...}). This gives
// them a `module` to fill, so charts.js can register the Dutch locale without
// a bundler.
var module = { exports: {} };
