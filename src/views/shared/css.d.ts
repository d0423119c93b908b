/** A stylesheet, imported as its text (see styles.ts). */
declare module '*.css' {
  const css: string;
  export default css;
}
