// Stands in for PatternFly's component stylesheets in the plugin's build (see webpack.config.ts):
// the console loads PatternFly's styles itself, and plugins must not bring their own copies.
export {};
