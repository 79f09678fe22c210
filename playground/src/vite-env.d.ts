declare module "virtual:worker-source" {
  const source: string;
  export default source;
}

// Babel's preset and plugin ship no types: the page hands them to Babel as plugin items.
declare module "@babel/preset-typescript";
declare module "@babel/plugin-transform-modules-commonjs";
