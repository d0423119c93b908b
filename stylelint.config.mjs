// Styles must survive the console's light, dark, high-contrast and glass themes: PatternFly 6
// tokens only, never raw colours, never the console's or PatternFly's own class names.
export default {
  extends: ['stylelint-config-standard'],
  rules: {
    'color-no-hex': true,
    'color-named': 'never',
    'function-disallowed-list': [
      'rgb',
      'rgba',
      'hsl',
      'hsla',
      'hwb',
      'lab',
      'lch',
      'oklab',
      'oklch',
    ],
    'selector-disallowed-list': ['/\\.(pf|co)-/'],
    'selector-max-type': 0,
    // PatternFly's tokens (--pf-t--global--…) are what we must use; their names are not ours.
    'custom-property-pattern': null,
    'selector-class-pattern': '^lazy-pull-[a-z0-9-]+(__[a-z0-9-]+)?(--[a-z0-9-]+)?$',
  },
};
