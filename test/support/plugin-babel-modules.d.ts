// Babel presets and plugins ship no types; tests pass them to Babel as opaque plugin items.
declare module "@babel/preset-env";
declare module "@babel/preset-typescript";
declare module "@babel/plugin-transform-typescript";
declare module "babel8-preset-env";
declare module "babel8-preset-typescript";
