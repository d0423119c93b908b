/** Stylesheets, imported as their text, as the plugin's build imports them (see styles.ts). */
module.exports = {
  process: (source) => ({ code: `module.exports = ${JSON.stringify(source)};` }),
};
